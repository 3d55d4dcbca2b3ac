"""The full-text search table (see broadsheet/articles/search.py).

Made with SQL that depends on the database, and kept out of Django's model state: an FTS5
virtual table on SQLite; on PostgreSQL a table with a weighted tsvector under a GIN index.
No foreign key (an FTS5 table cannot have one, and on PostgreSQL it would stop Django from
truncating the articles table): rows go with their article through the actions and a
post_delete receiver. Other databases get no table (search falls back to a plain substring
match there).
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    "title, standfirst, body, tags, tokenize = 'porter unicode61 remove_diacritics 2')",
]
POSTGRESQL = [
    "CREATE TABLE articles_search ("
    " article_id bigint PRIMARY KEY,"
    " config regconfig NOT NULL,"
    " title text NOT NULL,"
    " standfirst text NOT NULL,"
    " body text NOT NULL,"
    " tags text NOT NULL,"
    " document tsvector NOT NULL)",
    "CREATE INDEX articles_search_document ON articles_search USING gin (document)",
]


def create(apps, schema_editor):
    from broadsheet.articles import search

    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor)
    if statements is None:
        return
    for sql in statements:
        schema_editor.execute(sql)
    search.rebuild(schema_editor.connection.alias, apps.get_model("articles", "Article"))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS articles_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
