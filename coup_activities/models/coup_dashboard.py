from odoo import _, models


class CoupDashboard(models.AbstractModel):
    _inherit = "coup.dashboard"

    def _coup_dashboard_figures(self, companies):
        """Activities held and how members answered and came, per cooperative."""
        figures = super()._coup_dashboard_figures(companies)
        Invitation = self._coup_dashboard_model("event.registration")
        Event = self._coup_dashboard_model("event.event")
        if Invitation is None or Event is None:
            return figures
        span = self._coup_dashboard_range()
        period = [("coup_membership_id", "!=", False),
                  ("coup_event_begin", ">=", span["datetime_from"]),
                  ("coup_event_begin", "<", span["datetime_to"])]
        counts = {}
        for company, state, count in Invitation._read_group(
                period + [("coup_member_company_id", "in", companies.ids)],
                ["coup_member_company_id", "coup_state"], ["__count"]):
            counts.setdefault(state, {})[company.id] = count
        held_period = [("coup_kind", "!=", False), ("date_begin", ">=", span["datetime_from"]),
                       ("date_begin", "<", span["datetime_to"])]
        held = dict(Event._read_group(held_period + [("company_id", "in", companies.ids)],
                                      ["company_id"], ["__count"]))

        def total(*states):
            return {cid: sum(counts.get(s, {}).get(cid, 0) for s in states)
                    for cid in companies.ids}
        invited = total("invited", "accepted", "declined", "waiting", "attended", "absent")
        attended = total("attended")
        closed = total("attended", "absent")
        common = {"res_model": "event.registration", "company_field": "coup_member_company_id",
                  "action": "coup_activities.coup_activity_invitation_action"}
        # who came, split as the registry splits its members
        splits = {}
        for key, condition in (("men", [("coup_gender", "=", "male")]),
                               ("women", [("coup_gender", "=", "female")]),
                               ("youth", [("coup_is_youth", "=", True)])):
            splits[key] = condition, dict(
                (company.id, count) for company, count in Invitation._read_group(
                    period + condition + [("coup_member_company_id", "in", companies.ids),
                                          ("coup_state", "=", "attended")],
                    ["coup_member_company_id"], ["__count"]))
        figures += [
            {"key": "activities_held", "label": _("Activities"), "icon": "fa-calendar",
             "values": {c.id: n for c, n in held.items()}, "res_model": "event.event",
             "domain": held_period,
             "help": _("Activities of the period (general assemblies, meetings, trainings…)."),
             "sequence": 300},
            dict(common, key="invitations", label=_("Invitations"), icon="fa-envelope-o",
                 values=invited, domain=period, sequence=310,
                 help=_("Members invited to the period's activities.")),
            dict(common, key="invitations_accepted", label=_("Accepted"), icon="fa-thumbs-up",
                 values=total("accepted", "attended"), share_of="invitations",
                 domain=period + [("coup_state", "in", ("accepted", "attended"))],
                 sequence=320),
            dict(common, key="invitations_declined", label=_("Declined"), icon="fa-thumbs-down",
                 values=total("declined"), share_of="invitations", higher_is_better=False,
                 domain=period + [("coup_state", "=", "declined")], sequence=330),
            dict(common, key="invitations_unanswered", label=_("Unanswered"),
                 icon="fa-question-circle", values=total("invited"), share_of="invitations",
                 higher_is_better=False, domain=period + [("coup_state", "=", "invited")],
                 sequence=340),
            dict(common, key="attended", label=_("Attended"), icon="fa-check-square-o",
                 values=attended, domain=period + [("coup_state", "=", "attended")],
                 sequence=350),
            dict(common, key="attended_men", label=_("Men Attending"), icon="fa-male",
                 values=splits["men"][1], share_of="attended", sequence=351,
                 domain=period + splits["men"][0] + [("coup_state", "=", "attended")]),
            dict(common, key="attended_women", label=_("Women Attending"), icon="fa-female",
                 values=splits["women"][1], share_of="attended", sequence=352,
                 domain=period + splits["women"][0] + [("coup_state", "=", "attended")]),
            dict(common, key="attended_youth", label=_("Youth Attending"), icon="fa-child",
                 values=splits["youth"][1], share_of="attended", sequence=353,
                 domain=period + splits["youth"][0] + [("coup_state", "=", "attended")]),
            {"key": "attendance_rate", "label": _("Attendance Rate (%)"), "icon": "fa-percent",
             "values": {cid: round(100.0 * attended[cid] / closed[cid]) if closed[cid] else 0
                        for cid in companies.ids},
             "rollup": False, "res_model": "event.registration",
             "company_field": "coup_member_company_id",
             "action": "coup_activities.coup_activity_invitation_action",
             "domain": period + [("coup_state", "in", ("attended", "absent"))],
             "help": _("Members who came, out of those whose attendance was taken."),
             "sequence": 360},
        ]
        return figures
