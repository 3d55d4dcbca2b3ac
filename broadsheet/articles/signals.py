from django.dispatch import Signal

# Sent after the transaction that changed an article commits, with `article` and
# `old_paths` (URLs it answered at before). Caches, feeds, search and related lists listen.
article_changed = Signal()

# Sent once when a bulk write (articles.actions.bulk_writes, an import) ends, instead of
# article_changed for each article: `article_ids` (every article it saved) and `old_paths`.
articles_changed = Signal()
