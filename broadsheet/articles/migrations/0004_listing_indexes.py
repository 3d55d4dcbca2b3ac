"""Indexes for the public lists at scale (see docs/performance.md for the plans).

- article_listing (kind, published_at, id, status): every newest-first list walks it
  backwards, and a deep page's skipped entries and a list's milestones are read from it
  alone (index-only). It replaces (kind, published_at), its prefix.
- article_author_listing: an author's archive in order, without walking everyone's.
- (category_id, article_id) and (tag_id, article_id) on the link tables: a term's articles
  read from the index alone. Django's own link-table indexes have the article first (the
  unique pair) or the term alone; these tables are Django's, not models of ours, so the
  indexes are plain SQL (the same on SQLite and PostgreSQL), kept out of the model state.

The new indexes are made before the old one goes, so lists are never without one.
"""

from django.db import migrations, models

LINK_INDEXES = [
    ("articles_article_categories", "article_categories_term", "category_id"),
    ("articles_article_tags", "article_tags_term", "tag_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_listing_index"),
        ("images", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["kind", "published_at", "id", "status"], name="article_listing"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["author", "kind", "published_at", "id", "status"],
                name="article_author_listing",
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_kind_published"),
        *[
            migrations.RunSQL(
                f"CREATE INDEX {name} ON {table} ({column}, article_id)",
                f"DROP INDEX {name}",
            )
            for table, name, column in LINK_INDEXES
        ],
    ]
