"""The URL map of DESIGN.md: fixed routes first, then articles, pages and archives, then
the legacy-path table (inside the article view's miss)."""

from django.contrib import admin
from django.urls import include, path, re_path, register_converter

from broadsheet import views as site
from broadsheet.articles import views
from broadsheet.comments import views as comment_views


class FourDigits:
    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):04d}"


class TwoDigits(FourDigits):
    regex = r"[0-9]{2}"

    def to_url(self, value: int | str) -> str:
        return f"{int(value):02d}"


register_converter(FourDigits, "yyyy")
register_converter(TwoDigits, "mm")


def paged(route: str, view, name: str) -> list:  # type: ignore[no-untyped-def]
    """A listing and its /page/N/ pages."""
    return [
        path(route, view, name=name),
        path(f"{route}page/<int:page>/", view, name=f"{name}-page"),
    ]


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", site.healthz, name="healthz"),
    re_path(r"^media/(?P<name>.+)$", site.media, name="media"),
    path("postpass/", views.postpass, name="postpass"),
    # The comment form's target, at WordPress's address (DESIGN.md).
    path("wp-comments-post.php", comment_views.post_comment, name="comment-post"),
    # Feeds, sitemaps and robots.txt: fixed routes, so before the archives and pages.
    path("", include("broadsheet.feeds.urls")),
    # The WordPress REST API: /wp-json/ and /wp-json/wp/v2/..., never redirected.
    path("", include("broadsheet.wordpress.api.urls")),
    *paged("", views.home, "home"),
    *paged("author/<str:slug>/", views.author, "author"),
    *paged("tag/<str:slug>/", views.tag, "tag"),
    re_path(r"^category/(?P<path>[^/]+(?:/[^/]+)*?)/page/(?P<page>[0-9]+)/$", views.category),
    re_path(r"^category/(?P<path>[^/]+(?:/[^/]+)*)/$", views.category, name="category"),
    *paged("<yyyy:year>/", views.date_archive, "year"),
    *paged("<yyyy:year>/<mm:month>/", views.date_archive, "month"),
    path("<yyyy:year>/<mm:month>/<mm:day>/<str:slug>/", views.article_detail, name="article"),
    # Pages by their hierarchy, and every other path the legacy table may know.
    re_path(r"^.+$", views.article_detail, name="page"),
]

handler404 = "broadsheet.views.not_found"
handler500 = "broadsheet.views.server_error"
