/* The language switch's browser side (dashboard/components/language.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    language: {
        // A click on zh/en: the new search starts from the live address bar, not from
        // url.search, because pages keep their state there with history.replaceState
        // (assets/url-sync.js), which dcc.Location does not see.
        choose: function () {
            var clientside = window.dash_clientside;
            var trig = (clientside.callback_context.triggered[0] || {}).prop_id || "";
            var code = trig.indexOf("lang-btn-en") === 0 ? "en"
                : (trig.indexOf("lang-btn-zh") === 0 ? "zh" : null);
            if (!code) { return clientside.no_update; }
            var params = new URLSearchParams(window.location.search);
            params.set("lang", code);
            return "?" + params.toString().replace(/%2C/g, ",");
        },

        // <html lang> drives CJK glyph selection and screen readers; only the browser can
        // set it.
        setDocumentLang: function (search) {
            var m = /[?&]lang=([^&]*)/.exec(search || "");
            var code = m ? decodeURIComponent(m[1]).toLowerCase().split("-")[0] : "zh";
            document.documentElement.lang = code === "en" ? "en" : "zh-CN";
        }
    }
});
