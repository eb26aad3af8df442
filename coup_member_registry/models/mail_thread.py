from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _coup_coop_lang(self):
        """The language of the cooperative this record belongs to (its company's partner's),
        when it is installed: what our code writes in a cooperative's chatter is written in
        it, whoever did the work (the demo's loader, a cron, a member from the portal), so that
        Kléla's staff read French there and AgroEmprende's Spanish."""
        self.ensure_one()
        if self._name == "res.company":
            company = self
        elif self._name == "res.partner":
            company = self.sudo().coup_membership_ids[:1].company_id
            if not company:
                return self.env["res.lang"]._get_code(self.lang or "") or False
        elif "company_id" in self._fields and self._fields["company_id"].type == "many2one":
            company = self.sudo().company_id
        else:
            return False
        return self.env["res.lang"]._get_code(company.sudo().partner_id.lang or "") or False

    def _coup_in_coop_lang(self):
        """This record in its cooperative's language (unchanged when it has none)."""
        lang = self._coup_coop_lang()
        return self.with_context(lang=lang) if lang and lang != self.env.lang else self

    def _creation_message(self):
        """Our records log their creation in their cooperative's language, in words that
        need no gender ("Fiche créée : Parcelle", "Registro creado: Parcela")."""
        if not self._name.startswith("coup."):
            return super()._creation_message()
        record = self._coup_in_coop_lang()
        return record.env._("%s created", record.env["ir.model"]._get(self._name).name)
