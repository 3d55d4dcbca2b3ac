"""Feed, sitemap and robots routes; included before the home route, so they win over the
archive and page patterns (a category path never swallows its "feed/")."""

from django.urls import path, re_path

from broadsheet.feeds import views

# A category path is one or more slugs; the non-greedy match leaves "feed/" to the route.
CATEGORY = r"(?P<path>[^/]+(?:/[^/]+)*?)"

urlpatterns = [
    path("feed/", views.site_rss, name="feed"),
    path("feed/atom/", views.site_atom, name="feed-atom"),
    path("comments/feed/", views.comments_rss, name="comments-feed"),
    path("comments/feed/atom/", views.comments_atom, name="comments-feed-atom"),
    re_path(rf"^category/{CATEGORY}/feed/$", views.category_rss, name="category-feed"),
    re_path(rf"^category/{CATEGORY}/feed/atom/$", views.category_atom, name="category-feed-atom"),
    path("tag/<str:slug>/feed/", views.tag_rss, name="tag-feed"),
    path("tag/<str:slug>/feed/atom/", views.tag_atom, name="tag-feed-atom"),
    path("author/<str:slug>/feed/", views.author_rss, name="author-feed"),
    path("author/<str:slug>/feed/atom/", views.author_atom, name="author-feed-atom"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-home.xml", views.sitemap_section, {"section": "home", "number": None}),
    re_path(
        r"^sitemap-(?P<section>[a-z]+)-(?P<number>[1-9][0-9]{0,8})\.xml$",
        views.sitemap_section,
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    # An article's or page's comments: `<its URL>feed/`. Archives' own feeds are above;
    # their prefixes are kept out so a page-less "/category/feed/" still reaches the
    # category archive named "feed".
    re_path(
        r"^(?!category/|tag/|author/|page/)(?P<path>.+/)(?P<suffix>feed/(?:atom/)?)$",
        views.article_comments,
        name="article-comments-feed",
    ),
]
