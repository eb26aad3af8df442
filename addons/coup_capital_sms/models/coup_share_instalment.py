import datetime

from odoo import api, fields, models
from odoo.tools import format_date, formatLang

from odoo.addons.coup_member_registry.tools import phone


class CoupShareInstalment(models.Model):
    """Reminders of unpaid instalments by SMS: once some days before the due date, once
    when late. Each is sent once per instalment (the date it was sent is kept), through the
    cooperative's gateway (``coup_sms`` routes an SMS by its ``coup_company_id``), in the
    member's language, and only to members who consented to SMS."""

    _inherit = "coup.share.instalment"

    sms_reminder_date = fields.Datetime(string="Reminder SMS Sent", readonly=True, copy=False)
    sms_overdue_date = fields.Datetime(string="Late SMS Sent", readonly=True, copy=False)

    @api.model
    def _cron_coup_sms_reminders(self):
        """Daily: the reminders due today, each once."""
        Instalment = self.sudo()
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search(
            [("coup_capital_sms_reminder", "=", True)])
        for company in companies:
            soon = today + datetime.timedelta(days=max(company.coup_capital_sms_days, 0))
            base = [("company_id", "=", company.id), ("state", "=", "due"),
                    ("subscription_id.state", "=", "confirmed")]
            Instalment.search(base + [("sms_reminder_date", "=", False),
                                      ("due_date", ">=", today), ("due_date", "<=", soon)]
                              )._coup_send_sms("reminder")
            Instalment.search(base + [("sms_overdue_date", "=", False),
                                      ("due_date", "<", today)])._coup_send_sms("overdue")
        self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger()

    def _coup_sms_text(self, kind):
        """The SMS in the member's language."""
        self.ensure_one()
        partner = self.partner_id
        env = self.with_context(lang=partner.lang or self.company_id.partner_id.lang).env
        values = {
            "name": partner.member_first_name or partner.name,
            "amount": formatLang(env, self.amount, currency_obj=self.currency_id),
            "date": format_date(env, self.due_date),
            "coop": self.company_id.name,
            "number": self.membership_id.member_number or "",
        }
        if kind == "reminder":
            return env._("%(coop)s: hello %(name)s, your share instalment of %(amount)s is due "
                         "on %(date)s (member %(number)s).", **values)
        return env._("%(coop)s: hello %(name)s, your share instalment of %(amount)s was due on "
                     "%(date)s and is not paid yet (member %(number)s). Please come and pay "
                     "it.", **values)

    def _coup_send_sms(self, kind):
        """One SMS per instalment, queued on the cooperative's gateway; instalments of a
        member without consent or mobile are marked too, so that they are not looked at
        every day."""
        if not self:
            return
        now = fields.Datetime.now()
        vals_list = []
        numbers = {}
        for instalment in self:
            partner = instalment.partner_id
            number, problem = phone.check_mobile(
                partner.mobile or partner.phone,
                partner.country_id.code or instalment.company_id.country_id.code)
            if partner.sms_consent and not problem:
                numbers[instalment] = number
        blacklisted = set(self.env["phone.blacklist"].sudo().search(
            [("number", "in", list(numbers.values()))]).mapped("number")) if numbers else set()
        for instalment, number in numbers.items():
            if number in blacklisted:
                continue
            vals_list.append({
                "number": number, "body": instalment._coup_sms_text(kind),
                "partner_id": instalment.partner_id.id,
                "coup_company_id": instalment.company_id.id, "state": "outgoing"})
        self.env["sms.sms"].sudo().create(vals_list)
        self.sudo().write({"sms_reminder_date" if kind == "reminder" else "sms_overdue_date":
                           now})
