from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.coup_member_registry.models.coup_membership import EXIT_STATES


class CoupActivityInvite(models.TransientModel):
    """Invite segments of the register and hand-picked members to an activity.

    The count is shown before anything is sent; inviting again adds only the members who
    were not invited yet, so a segment can be re-invited after new members joined.
    """

    _name = "coup.activity.invite"
    _description = "Invite Members to an Activity"

    event_id = fields.Many2one("event.event", string="Activity", required=True)
    company_ids = fields.Many2many("res.company", compute="_compute_company_ids")
    segment_ids = fields.Many2many(
        "coup.member.segment", string="Segments",
        domain="[('company_id', 'in', company_ids)]",
        help="Everyone in these segments who is a current member.")
    membership_ids = fields.Many2many(
        "coup.membership", string="Members",
        domain="[('company_id', 'in', company_ids)]", help="Hand-picked members.")
    committee_ids = fields.Many2many(
        "coup.committee", string="Committees", domain="[('company_id', 'in', company_ids)]",
        help="The committees' members in office.")
    with_households = fields.Boolean(
        string="With Their Households",
        help="Invite the affiliated members of the principal members chosen as well.")
    new_count = fields.Integer(string="To Invite", compute="_compute_counts")
    already_count = fields.Integer(string="Already Invited", compute="_compute_counts")

    @api.depends("event_id")
    def _compute_company_ids(self):
        for wizard in self:
            wizard.company_ids = wizard.event_id._coup_invitable_companies()

    @api.depends("event_id", "segment_ids", "membership_ids", "committee_ids", "with_households")
    def _compute_counts(self):
        for wizard in self:
            targets = wizard._target_membership_ids()
            already = wizard._already_invited(targets)
            wizard.new_count = len(targets - already)
            wizard.already_count = len(targets & already)

    def _target_membership_ids(self):
        """Ids of the current members the wizard points at, in the activity's cooperatives."""
        self.ensure_one()
        if not self.event_id:
            return set()
        Membership = self.env["coup.membership"]
        domain = [("company_id", "in", self.company_ids.ids), ("state", "not in", EXIT_STATES)]
        ids = set((self.membership_ids | self.committee_ids._current_memberships())
                  .filtered_domain(domain).ids)
        for segment in self.segment_ids:
            ids.update(Membership._search(domain + segment._get_membership_domain()))
        if self.with_households and ids:
            ids.update(Membership._search(domain + [("principal_membership_id", "in", list(ids))]))
        return ids

    def _already_invited(self, membership_ids):
        if not membership_ids or not self.event_id.id:
            return set()
        Registration = self.env["event.registration"]
        Registration.flush_model(["event_id", "coup_membership_id"])
        self.env.cr.execute(SQL(
            "SELECT coup_membership_id FROM event_registration "
            "WHERE event_id = %s AND coup_membership_id = ANY(%s)",
            self.event_id.id, list(membership_ids)))
        return {row[0] for row in self.env.cr.fetchall()}

    def action_invite(self):
        self.ensure_one()
        event = self.event_id
        if event.coup_is_cancelled:
            raise UserError(_("%(activity)s is cancelled: nobody can be invited to it.",
                              activity=event.name))
        targets = self._target_membership_ids()
        new_ids = sorted(targets - self._already_invited(targets))
        if not new_ids:
            raise UserError(_("Everyone chosen is already invited to %(activity)s.",
                              activity=event.name))
        # Odoo's registrations, unconfirmed: the Events app computes the attendee's name,
        # contact and badge, and counts them as expected seats until they accept
        Registration = self.env["event.registration"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        memberships = self.env["coup.membership"].browse(new_ids)
        Registration.create(Registration._coup_invitation_vals(event, memberships))
        chatter = event._coup_in_coop_lang()
        chatter.message_post(body=chatter.env._("%(count)s members invited.", count=len(new_ids)))
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "type": "success", "message": _("%(count)s members invited to %(activity)s.",
                                            count=len(new_ids), activity=event.name),
            "next": {"type": "ir.actions.act_window_close"}}}
