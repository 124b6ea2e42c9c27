"""The account pages beyond Django's own login/password views: personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tomkit.web.access import signed_in
from tomkit.web.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip() or "script"
        _, new_key = ApiToken.issue(signed_in(request), name)
    return render(
        request,
        "tomkit/tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=signed_in(request)).order_by("-created_at"),
            "new_key": new_key,
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=signed_in(request))
    token.delete()
    messages.success(request, f"Token {token.name} revoked.")
    return redirect("tokens")
