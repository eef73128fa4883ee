"""Receiving a comment from the article page's form."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from masthead.articles.models import Article
from masthead.articles.views import render_article_page
from masthead.comments.forms import CommentForm
from masthead.comments.services import CommentsClosed, submit_comment


@require_POST
def post_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    """Store a valid comment as pending; re-render the article with errors otherwise."""
    article = (
        Article.objects.published()
        .select_related("category__parent", "featured_image", "source")
        .filter(pk=article_id)
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_article_page(request, article, comment_form=form)
    try:
        submit_comment(
            article=article,
            name=form.cleaned_data["author_name"],
            email=form.cleaned_data["author_email"],
            url=form.cleaned_data["author_url"],
            body=form.cleaned_data["body"],
            ip_address=request.META.get("REMOTE_ADDR"),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            user=request.user,
        )
    except CommentsClosed as exc:
        form.add_error(None, str(exc))
        return render_article_page(request, article, comment_form=form)
    return HttpResponseRedirect(f"{article.get_absolute_url()}?comment=pending#respond")
