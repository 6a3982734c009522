/* The navbar's report selector (dashboard/components/report_select.py): choosing a report
   opens the same page for it, keeping only the language of the current address (the other
   parameters name facts and targets of the previous report). A value equal to the report
   shown is the server re-rendering the dropdown, not a choice: nothing happens. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    reports: {
        choose: function (value, shown) {
            var noUpdate = window.dash_clientside.no_update;
            if (!value || value === shown) { return noUpdate; }
            var current = new URLSearchParams(window.location.search);
            if (current.get("report") === value) { return noUpdate; }
            var params = new URLSearchParams();
            params.set("report", value);
            if (current.get("lang")) { params.set("lang", current.get("lang")); }
            return "?" + params.toString();
        }
    }
});
