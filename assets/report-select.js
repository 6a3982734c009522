/* The navbar's report selector (dashboard/components/report_select.py): choosing a report
   opens the same page for it, keeping only the language of the current address (the other
   parameters name facts and targets of the previous report). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    reports: {
        choose: function (value) {
            var noUpdate = window.dash_clientside.no_update;
            if (!value) { return noUpdate; }
            var current = new URLSearchParams(window.location.search);
            if (current.get("report") === value) { return noUpdate; }
            var params = new URLSearchParams();
            params.set("report", value);
            if (current.get("lang")) { params.set("lang", current.get("lang")); }
            return "?" + params.toString();
        }
    }
});
