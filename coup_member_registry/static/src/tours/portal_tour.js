/** @odoo-module **/

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * A member opens their cooperative page from the portal home, sees their own data and no one
 * else's, and corrects their phone number. The records are made by
 * coup_member_registry/tests/test_portal.py (TestCoupPortalTour).
 */
registry.category("web_tour.tours").add("coup_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: _t("Open My Cooperative from the portal home"),
            trigger: ".o_portal_index_card a[href='/my/coop']",
            run: "click",
        },
        {
            content: _t("The member's name is on their profile"),
            trigger: ".o_coup_portal_profile h3:contains('Aminata Coulibaly')",
        },
        {
            content: _t("Their membership number is listed"),
            trigger: ".o_coup_portal_memberships .o_coup_portal_membership:contains('TST-0001')",
        },
        {
            content: _t("Their household is listed"),
            trigger: ".o_coup_portal_household:contains('Fatou Coulibaly')",
        },
        {
            content: _t("Another member's name is not on the page"),
            trigger: "#coup_portal_member:not(:contains('Bakary Traoré'))",
        },
        {
            content: _t("Their booklet shows when they joined"),
            trigger: ".o_coup_portal_booklet .o_coup_booklet_row",
        },
        {
            content: _t("Correct the phone number"),
            trigger: "a.o_coup_portal_edit_phone",
            run: "click",
        },
        {
            content: _t("Type a phone number as written locally"),
            trigger: ".o_coup_portal_phone_form input[name='phone']",
            run: "edit 76 12 34 56",
        },
        {
            content: _t("Save"),
            trigger: ".o_coup_portal_phone_form button[type='submit']",
            run: "click",
        },
        {
            content: _t("Back on the member page, the number is confirmed"),
            trigger: ".o_coup_portal .alert-success",
        },
        {
            content: _t("The phone number shows as the member typed it"),
            trigger: ".o_coup_portal_profile .o_coup_portal_phone:contains('76 12 34 56')",
        },
    ],
});
