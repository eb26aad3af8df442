"""The member's invitations on the portal, and answers through a signed link.

An invitation is the member's registration to the activity (``event.registration``). Odoo's
multi-company rule on registrations hides those of a cooperative that is not the portal user's
company, so the pages search as superuser with a domain that is the member's own registrations
and nothing else (the same as the portal record rule); an id of somebody else's invitation in a
URL finds nothing. A signed link (sent by SMS or e-mail) answers one invitation without a
login: its signature is checked before anything is read, and a forged or expired link gets a
page saying so.
"""
from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.coup_member_registry.controllers.portal_formats import PortalFormats
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class CoupActivitiesPortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_invitation_count" in counters:
            Invitation = request.env["event.registration"]
            values["coup_invitation_count"] = Invitation.sudo().search_count(
                self._coup_invitation_domain()) if Invitation.has_access("read") else 0
        return values

    def _coup_invitation_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id),
                ("coup_membership_id", "!=", False)]

    @staticmethod
    def _coup_invitation_values(invitations):
        """Plain values of the invitations and of their activities, which a portal user may
        not read as records."""
        now = fields.Datetime.now()
        # what the cards show, rather than whole records on first access (an activity is
        # 150 fields, a company 211)
        invitations = invitations.sudo()
        invitations.fetch(["event_id", "coup_state", "coup_member_company_id"])
        invitations.event_id.fetch(["name", "coup_place", "date_begin", "date_end", "stage_id",
                                    "coup_answer_deadline"])
        invitations.coup_member_company_id.fetch(["name"])
        rows = []
        for invitation in invitations:
            event = invitation.event_id
            open_ = (not event.coup_is_cancelled and event.date_end >= now
                     and event._coup_answers_close() >= now
                     and invitation.coup_state not in ("attended", "absent"))
            rows.append({
                "invitation": invitation, "name": event.name, "place": event.coup_place,
                "date_begin": event.date_begin, "deadline": event._coup_answers_close(),
                "company": invitation.coup_member_company_id.name, "open": open_,
                "cancelled": event.coup_is_cancelled,
            })
        return rows

    @http.route(["/my/invitations", "/my/invitations/page/<int:page>"], type="http",
                auth="user", website=True)
    def portal_my_invitations(self, page=1, **kw):
        Invitation = request.env["event.registration"].sudo()
        domain = self._coup_invitation_domain()
        pager = portal_pager(url="/my/invitations", total=Invitation.search_count(domain),
                             page=page, step=self._items_per_page)
        invitations = Invitation.search(domain, order="coup_event_begin desc, id desc",
                                        limit=self._items_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        # the outcome of the last answer, kept in the session rather than in the URL
        feedback = request.session.pop("coup_invitation_feedback", {}) or {}
        values.update(page_name="coup_invitations", pager=pager,
                      rows=self._coup_invitation_values(invitations),
                      message=feedback.get("message"), error=feedback.get("error"))
        return request.render("coup_activities.portal_my_invitations", values)

    @http.route("/my/invitations/<int:invitation_id>/answer", type="http", auth="user",
                methods=["POST"], website=True)
    def portal_answer_invitation(self, invitation_id, answer=None, **kw):
        invitation = request.env["event.registration"].sudo().search(
            self._coup_invitation_domain() + [("id", "=", invitation_id)])
        if not invitation or answer not in ("yes", "no"):
            return request.not_found()
        try:
            invitation._coup_answer(answer == "yes", "portal")
            feedback = {"message": _("Thank you, your answer is recorded.")}
        except UserError as error:
            feedback = {"error": str(error)}
        request.session["coup_invitation_feedback"] = feedback
        return request.redirect("/my/invitations")

    @http.route("/coup/invitation/<int:invitation_id>/<string:token>", type="http",
                auth="public", methods=["GET", "POST"], website=True)
    def coup_invitation_link(self, invitation_id, token, answer=None, **kw):
        """The page of a signed link: the invitation and its two buttons, or why not."""
        invitation = request.env["event.registration"].sudo().browse(invitation_id).exists()
        if not invitation or not invitation._coup_check_link_token(token):
            return request.render("coup_activities.portal_invitation_link_invalid", {})
        values = {"row": self._coup_invitation_values(invitation)[0], "token": token,
                  "partner_name": invitation.partner_id.name,
                  "coup_format": PortalFormats(request.env)}
        if request.httprequest.method == "POST" and answer in ("yes", "no"):
            try:
                invitation._coup_answer(answer == "yes", "link")
                values["message"] = _("Thank you, your answer is recorded.")
            except UserError as error:
                values["error"] = str(error)
            values["row"] = self._coup_invitation_values(invitation)[0]
        return request.render("coup_activities.portal_invitation_link", values)
