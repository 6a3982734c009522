"""Language state: the URL query ``?lang=`` is the source of truth.

Mechanism
---------
* The shell layout holds ``dcc.Location(id="url", refresh="callback-nav")`` and
  ``dcc.Store(id="lang-store", storage_type="local")``.
* The layout arrives already rendered in the URL's language, with the store holding it
  (``components/shell.py``); nothing runs on load unless the remembered choice differs.
* One server callback (:func:`register_callbacks`) keeps them in step, and the store
  then holds the effective language: the navbar, footer and switch re-render from the
  store, so they do not re-run when a page writes its own state into the query:

  1. a click on the zh/en switch wins;
  2. otherwise a ``lang`` already in the URL wins (an invalid value becomes
     ``zh`` and the URL is corrected);
  3. otherwise the remembered ``lang-store`` value is used (first visit to a
     bare URL by someone who chose English before);
  4. otherwise ``zh``.

  It writes ``?lang=xx`` into ``url.search`` only when that changes the
  effective language (a bare URL already means ``zh``), keeping other query
  parameters, and writes the store only when it differs.
* Writing ``url.search`` pushes a history entry and fires Dash's
  ``_dashprivate_pushstate`` event, so the pages router (``dash.page_container``)
  re-renders the current page with the new query: page layouts receive the
  language as the ``lang`` keyword argument.

What a page does
----------------
* ``def layout(lang: str | None = None, **_query) -> Component:`` then
  ``lang = normalize_lang(lang)`` (``lang`` is absent on a bare URL).
* Callbacks that need the language add ``State(URL_ID, "search")`` (or
  ``Input`` if they must re-run on a switch) and call :func:`lang_from_search`.
  Components a page renders are rebuilt on every switch, so most pages need
  nothing more than the ``lang`` passed to ``layout``.
* Internal links keep the language with :func:`href_with_lang`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from dash import ClientsideFunction, Dash, Input, Output, html, no_update

from dashboard.i18n import DEFAULT_LANG, LANGS, normalize_lang, t

URL_ID = "url"
STORE_ID = "lang-store"
SWITCH_ID = "lang-switch"
QUERY_KEY = "lang"


def button_id(lang: str) -> str:
    """Id of the switch button for ``lang`` (``lang-btn-zh`` / ``lang-btn-en``)."""
    return f"lang-btn-{lang}"


def _query_pairs(search: str | None) -> list[tuple[str, str]]:
    return parse_qsl((search or "").lstrip("?"), keep_blank_values=True)


def _raw_url_lang(search: str | None) -> str | None:
    values = [v for k, v in _query_pairs(search) if k == QUERY_KEY]
    return values[0] if values else None


def lang_from_search(search: str | None) -> str:
    """Language implied by a ``location.search`` string such as ``"?lang=en"``."""
    return normalize_lang(_raw_url_lang(search))


def search_with_lang(search: str | None, lang: str) -> str:
    """``search`` with its ``lang`` parameter set to ``lang``, other parameters kept."""
    pairs = [(k, v) for k, v in _query_pairs(search) if k != QUERY_KEY]
    pairs.append((QUERY_KEY, normalize_lang(lang)))
    return "?" + urlencode(pairs)


def href_with_lang(path: str, lang: str) -> str:
    """Internal link that keeps the current language, e.g. ``/indicators?lang=en``
    (``/report?fact=x`` becomes ``/report?fact=x&lang=en``)."""
    sep = "&" if "?" in path else "?"
    return f"{path}{sep}{urlencode({QUERY_KEY: normalize_lang(lang)})}"


def decide_language(
    search: str | None, stored: object, clicked: str | None = None
) -> tuple[str, str | None, str | None]:
    """Resolve the language; return ``(lang, new_search or None, new_store or None)``.

    Pure so the rules above can be unit-tested without a browser.
    """
    raw = _raw_url_lang(search)
    if clicked in LANGS:
        lang = clicked
    elif raw is not None:
        lang = normalize_lang(raw)
    elif isinstance(stored, str) and stored in LANGS:
        lang = stored
    else:
        lang = DEFAULT_LANG

    implied = raw if raw is not None else DEFAULT_LANG
    new_search = search_with_lang(search, lang) if implied != lang else None
    new_store = lang if stored != lang else None
    return lang, new_search, new_store


def language_switch(lang: str) -> html.Div:
    """The zh/en toggle shown in the navbar; state is refreshed by the callback."""
    lang = normalize_lang(lang)
    buttons = [
        html.Button(
            t(f"shell.lang_{code}", lang),
            id=button_id(code),
            n_clicks=0,
            type="button",
            lang="zh-CN" if code == "zh" else "en",
            title=t(f"shell.lang_{code}_long", lang),
            className=_button_class(code == lang),
            **{"aria-pressed": "true" if code == lang else "false"},
        )
        for code in LANGS
    ]
    return html.Div(
        buttons,
        id=SWITCH_ID,
        role="group",
        className="btn-group btn-group-sm lang-switch",
        **{"aria-label": t("shell.lang_switch", lang)},
    )


def _button_class(active: bool) -> str:
    return "btn btn-outline-light" + (" active" if active else "")


def register_callbacks(app: Dash) -> None:
    """Attach the language callbacks to ``app`` (not global: tests build many apps)."""

    # A click starts from the live address bar, not from url.search: pages keep their state
    # in the address bar with history.replaceState (components/url_sync.py), which
    # dcc.Location does not see. The new search re-renders the page with all its state.
    app.clientside_callback(
        ClientsideFunction("language", "choose"),  # assets/language.js
        Output(URL_ID, "search", allow_duplicate=True),
        *[Input(button_id(code), "n_clicks") for code in LANGS],
        prevent_initial_call=True,
    )

    # Fires when dcc.Location reports the address, and when the remembered choice (read
    # from localStorage on mount) differs from the language the layout was rendered in.
    @app.callback(
        Output(URL_ID, "search"),
        Output(STORE_ID, "data"),
        Input(URL_ID, "search"),
        Input(STORE_ID, "data"),
        prevent_initial_call=True,
    )
    def _sync_language(search: str | None, stored: Any) -> tuple[Any, Any]:
        if search is None:
            # dcc.Location has not read window.location yet; it will fire again.
            return no_update, no_update
        _, new_search, new_store = decide_language(search, stored)
        return (
            no_update if new_search is None else new_search,
            no_update if new_store is None else new_store,
        )

    @app.callback(
        *[Output(button_id(code), "className") for code in LANGS],
        *[Output(button_id(code), "aria-pressed") for code in LANGS],
        *[Output(button_id(code), "title") for code in LANGS],
        Output(SWITCH_ID, "aria-label"),
        Input(STORE_ID, "data"),
        # The layout is rendered for the address being opened (components/shell.py).
        prevent_initial_call=True,
    )
    def _render_switch(stored: object) -> tuple[str, ...]:
        lang = normalize_lang(stored)
        classes = tuple(_button_class(code == lang) for code in LANGS)
        pressed = tuple("true" if code == lang else "false" for code in LANGS)
        titles = tuple(t(f"shell.lang_{code}_long", lang) for code in LANGS)
        return (*classes, *pressed, *titles, t("shell.lang_switch", lang))

    # <html lang> drives CJK glyph selection and screen readers; only the
    # browser can set it, so this runs client side and has no output.
    app.clientside_callback(
        ClientsideFunction("language", "setDocumentLang"),  # assets/language.js
        Input(URL_ID, "search"),
    )
