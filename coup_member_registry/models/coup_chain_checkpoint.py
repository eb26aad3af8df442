import re

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import indelible

CHECKPOINT_RE = re.compile(
    r"^Co-Up (?P<coop>.+?) (?P<date>\d{4}-\d{2}-\d{2}): (?P<heads>.+?); "
    r"key (?P<key>[0-9a-f]{16}); sig (?P<sig>[A-Za-z0-9+/=]+)$")
HEAD_RE = re.compile(r"(?P<prefix>[A-Z]+) (?P<number>\d+) (?P<hash>[0-9a-f]{16})")


class CoupChainCheckpoint(models.Model):
    """A day's heads of a cooperative's chains (number and seal of the last record of each
    kind), signed with the server's key and sent to the cooperative's witnesses. What the
    witnesses keep is outside the database: a past rewritten later no longer matches it, and
    the verification wizard says so. The copy kept here only says what was sent."""

    _name = "coup.chain.checkpoint"
    _description = "Checkpoint of the Records' Chains"
    _order = "date desc, id desc"

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 readonly=True, index=True)
    date = fields.Date(required=True, readonly=True)
    text = fields.Char(string="Checkpoint", required=True, readonly=True,
                       help="The text the witnesses received: each chain's last number and "
                            "the start of its seal, the key's fingerprint and the signature.")
    witness_ids = fields.Many2many("res.partner", string="Sent To", readonly=True)

    @api.model
    def _coup_heads(self, company):
        """``[(prefix, number, seal)]`` of the company's chains, from the database."""
        heads = []
        for model in company._coup_integrity_models():
            Model = self.env[model].sudo()
            self.env.cr.execute(SQL(
                "SELECT sequence_number, coup_hash FROM %s WHERE company_id = %s "
                "AND state = 'confirmed' ORDER BY sequence_number DESC LIMIT 1",
                SQL.identifier(Model._table), company.id))
            row = self.env.cr.fetchone()
            if row:
                heads.append((Model._coup_sequence_prefix.strip("/"), row[0], row[1]))
        return heads

    @api.model
    def _coup_checkpoint_text(self, company, date, heads, key):
        body = "Co-Up %s %s: %s; key %s" % (
            company.name, date, ", ".join("%s %06d %s" % (prefix, number, seal[:16])
                                          for prefix, number, seal in heads), key.fingerprint)
        return "%s; sig %s" % (body, key.sign(body))

    @api.model
    def _coup_send_checkpoints(self, companies):
        """Today's checkpoint of each cooperative that has records, to its witnesses and to
        its federations (once a day)."""
        today = fields.Date.context_today(self)
        Record = self.env["coup.indelible.record"]
        made = self.browse()
        for company in companies.sudo():
            heads = self._coup_heads(company)
            if not heads or self.search_count([("company_id", "=", company.id),
                                               ("date", "=", today)]):
                continue
            key = Record._coup_key()
            witnesses = company.coup_witness_ids | company.coup_federation_ids.filtered(
                lambda link: not link.date_end or link.date_end >= today
            ).federation_id.partner_id
            checkpoint = self.sudo().create({
                "company_id": company.id, "date": today, "witness_ids": witnesses.ids,
                "text": self._coup_checkpoint_text(company, today, heads, key)})
            checkpoint._coup_send_to_witnesses(witnesses)
            made |= checkpoint
        return made

    def _coup_send_to_witnesses(self, witnesses):
        """By email to the witnesses who have one (``coup_sms`` adds SMS)."""
        self.ensure_one()
        with_email = witnesses.filtered("email")
        if not with_email:
            return
        # each witness reads it in their own language (the cron runs in none in particular)
        values = []
        for lang in set(with_email.mapped("lang")):
            checkpoint = self.with_context(lang=lang or self.company_id.partner_id.lang)
            body = checkpoint.env["ir.qweb"]._render(
                "coup_member_registry.chain_checkpoint_mail", {"checkpoint": checkpoint})
            subject = checkpoint.env._("Checkpoint of the records of %(coop)s, %(date)s",
                                       coop=self.company_id.name, date=self.date)
            values += [{
                "subject": subject, "body_html": body, "email_to": partner.email_formatted,
                "email_from": self.company_id.email_formatted or self.env.user.email_formatted,
                "auto_delete": False} for partner in with_email.filtered(
                    lambda p, lang=lang: p.lang == lang)]
        self.env["mail.mail"].sudo().create(values)

    @api.model
    def _coup_verify_text(self, text):
        """What a witness's checkpoint says against this server's key and database.

        :return: ``(ok, [messages])``
        """
        text = (text or "").strip()
        match = CHECKPOINT_RE.match(text)
        if not match:
            return False, [_("This is not a Co-Up checkpoint: paste the whole text, from "
                             "“Co-Up” to the end of the signature.")]
        key = self.env["coup.indelible.record"]._coup_key(create=False)
        body = text[:text.rindex("; sig ")]
        if not key or match["key"] != key.fingerprint:
            return False, [_("The checkpoint was signed with the key %(theirs)s, and this server "
                             "holds %(ours)s: the records were sealed by another server, or "
                             "the key was replaced.", theirs=match["key"],
                             ours=key.fingerprint if key else _("no key"))]
        if not indelible.verify_signature(key.public_b64, body, match["sig"]):
            return False, [_("The signature does not match the text: the checkpoint was "
                             "altered.")]
        company = self.env["res.company"].sudo().search([("name", "=", match["coop"])], limit=1)
        if not company:
            return False, [_("No cooperative is named %s here.", match["coop"])]
        prefixes = {}
        for model in company._coup_integrity_models():
            prefixes[self.env[model]._coup_sequence_prefix.strip("/")] = self.env[model].sudo()
        ok, messages = True, []
        for head in HEAD_RE.finditer(match["heads"]):
            Model = prefixes.get(head["prefix"])
            name = "%s/%s" % (head["prefix"], head["number"])
            record = Model.search([("company_id", "=", company.id), ("state", "=", "confirmed"),
                                   ("sequence_number", "=", int(head["number"]))], limit=1) \
                if Model is not None else None
            if not record:
                ok = False
                messages.append(_("%(record)s, named by the checkpoint, is missing.", record=name))
            elif not (record.coup_hash or "").startswith(head["hash"]):
                ok = False
                messages.append(_("%(record)s no longer has the seal the witnesses hold: the "
                                  "records were rewritten after %(date)s.", record=name,
                                  date=match["date"]))
            else:
                messages.append(_("%(record)s matches.", record=name))
        return ok, messages
