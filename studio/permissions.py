"""Who may do what. Operations call `require` themselves, so the UI's disabled buttons are not the only guard."""

from __future__ import annotations

from dataclasses import dataclass

from studio.errors import PermissionDenied

# The role each action needs. Reviewing is further limited to the reviewer's locales.
ACTION_ROLES = {
    "edit_source": "editor",
    "import": "editor",
    "translate": "editor",
    "review": "reviewer",
    "manage_users": "supervisor",
    "replace_content": "supervisor",
    "release": "supervisor",
    "edit_glossary": "editor",
    "delete_glossary": "supervisor",
}

ACTION_WORDS = {
    "edit_source": "edit sources",
    "import": "import documents",
    "translate": "translate",
    "review": "review translations",
    "manage_users": "manage users",
    "replace_content": "replace the workspace's content",
    "release": "publish releases",
    "edit_glossary": "add or edit glossary terms",
    "delete_glossary": "delete glossary entries",
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user as plain values, safe to hand to any thread."""

    id: int
    name: str
    roles: frozenset[str]
    review_locales: frozenset[str]

    def has_role(self, role: str) -> bool:
        return role in self.roles


def refusal(actor: Actor | None, action: str, locale: str | None = None) -> str | None:
    """Why `actor` may not take `action` (for a tooltip), or None when it may."""
    role = ACTION_ROLES[action]
    words = ACTION_WORDS[action]
    if actor is None:
        return f"to {words} you must sign in as a user with the {role} role (--user NAME)"
    if role not in actor.roles:
        held = ", ".join(sorted(actor.roles)) or "no role"
        return f"{actor.name} may not {words}: that needs the {role} role ({actor.name} has {held})"
    if action == "review" and locale is not None and locale not in actor.review_locales:
        return f"{actor.name} does not review {locale} (reviews {', '.join(sorted(actor.review_locales)) or 'none'})"
    return None


def require(actor: Actor | None, action: str, locale: str | None = None) -> Actor:
    """The actor, if allowed; PermissionDenied with the reason otherwise."""
    reason = refusal(actor, action, locale)
    if reason is not None:
        raise PermissionDenied(reason)
    assert actor is not None
    return actor
