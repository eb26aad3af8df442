from odoo import _, models


class CoupDashboard(models.AbstractModel):
    """SMS figures on the cooperatives dashboard: sent, delivered, failed and replies."""

    _inherit = "coup.dashboard"

    def _coup_dashboard_figures(self, companies):
        figures = super()._coup_dashboard_figures(companies)
        Sms = self.env["sms.sms"]
        if Sms.has_access("read"):
            counts = {"sent": {}, "delivered": {}, "failed": {}}
            for company, state, count in Sms._read_group(
                    [("coup_company_id", "in", companies.ids),
                     ("state", "in", ("pending", "sent", "error"))],
                    ["coup_company_id", "state"], ["__count"]):
                if state in ("pending", "sent"):
                    counts["sent"][company.id] = counts["sent"].get(company.id, 0) + count
                if state == "sent":
                    counts["delivered"][company.id] = count
                if state == "error":
                    counts["failed"][company.id] = count
            figures += [{
                "key": "sms_sent", "label": _("SMS Sent"), "icon": "fa-paper-plane",
                "help": _("SMS handed to the cooperative's gateway, delivered or not yet."),
                "values": counts["sent"], "res_model": "sms.sms",
                "domain": [("state", "in", ["pending", "sent"])],
                "company_field": "coup_company_id",
                "action": "coup_sms.coup_sms_sms_action", "sequence": 200,
            }, {
                "key": "sms_delivered", "label": _("SMS Delivered"), "icon": "fa-check",
                "help": _("SMS the gateway reported as delivered to the phone."),
                "values": counts["delivered"], "res_model": "sms.sms",
                "domain": [("state", "=", "sent")], "share_of": "sms_sent",
                "company_field": "coup_company_id",
                "action": "coup_sms.coup_sms_sms_action", "sequence": 210,
            }, {
                "key": "sms_failed", "label": _("SMS Failed"), "icon": "fa-exclamation-triangle",
                "help": _("SMS that could not be sent or delivered."),
                "values": counts["failed"], "res_model": "sms.sms",
                "domain": [("state", "=", "error")],
                "company_field": "coup_company_id",
                "action": "coup_sms.coup_sms_sms_action", "sequence": 220,
            }]
        Inbound = self.env["coup.sms.inbound"]
        if Inbound.has_access("read"):
            replies = dict(Inbound._read_group(
                [("company_id", "in", companies.ids), ("partner_id", "!=", False)],
                ["company_id"], ["__count"]))
            figures.append({
                "key": "sms_replies", "label": _("SMS Replies"), "icon": "fa-comments",
                "help": _("SMS received from members."),
                "values": {company.id: count for company, count in replies.items()},
                "res_model": "coup.sms.inbound", "domain": [("partner_id", "!=", False)],
                "action": "coup_sms.coup_sms_inbound_action", "sequence": 230,
            })
        return figures
