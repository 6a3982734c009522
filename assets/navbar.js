/* The navbar's collapsed menu on narrow screens (dashboard/components/navbar.py): runs in the
   browser because a round trip to open a menu would feel sluggish on phones. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    navbar: {
        // The toggler opens or closes the menu; a new page or report closes it.
        toggle: function (nClicks, pathname, search, isOpen) {
            var trig = (window.dash_clientside.callback_context.triggered || [])[0];
            if (trig && trig.prop_id.indexOf("navbar-toggler") === 0) { return !isOpen; }
            return false;
        }
    }
});
