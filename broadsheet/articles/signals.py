from django.dispatch import Signal

# Sent after the transaction that changed an article commits, with `article` and
# `old_paths` (URLs it answered at before). Caches, feeds, search and related lists listen.
article_changed = Signal()
