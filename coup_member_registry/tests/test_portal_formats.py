import datetime

from lxml import html

from odoo.tests import TransactionCase, tagged

from odoo.addons.coup_member_registry.controllers.portal_formats import PortalFormats


@tagged("post_install", "-at_install")
class TestPortalFormats(TransactionCase):
    """The portal's rows format dates, numbers and amounts themselves (cheaper than a
    ``t-field`` a value): what they show is what Odoo's widgets show, in each language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "es_ES"):
            cls.env["res.lang"]._activate_lang(code)
        cls.xof = cls.env.ref("base.XOF")
        cls.eur = cls.env.ref("base.EUR")
        cls.cop = cls.env.ref("base.COP")

    def _widget(self, env, widget, value, **options):
        rendered = env["ir.qweb.field.%s" % widget].value_to_html(value, options)
        return html.fromstring("<p>%s</p>" % rendered).text_content()

    def _check(self, env):
        formats = PortalFormats(env)
        for value in (datetime.date(2026, 11, 3), datetime.date(2025, 1, 31)):
            self.assertEqual(formats.date(value), self._widget(env, "date", value))
        # a moment late in the evening in Bogotá is the next day in UTC: the member's day
        moment = datetime.datetime(2026, 11, 4, 2, 30)
        self.assertEqual(formats.date(moment), self._widget(env, "date", moment))
        for value in (moment, datetime.datetime(2025, 1, 31, 16, 5, 59)):
            self.assertEqual(formats.datetime(value), self._widget(
                env, "datetime", value, hide_seconds=True))
        self.assertEqual(formats.datetime(False), "")
        for value in (1234567.891, -1250.5, 0.25, 3.0, 0.0, 98765432109.5, -0.004):
            self.assertEqual(formats.number(value), self._widget(
                env, "float", value, precision=None))
            self.assertEqual(formats.number(value, 1), self._widget(
                env, "float", value, precision=1))
        for currency in (self.xof, self.eur, self.cop):
            for value in (1234567.891, -1250.5, 0.0, 98765432109.5, -0.004):
                self.assertEqual(formats.amount(value, currency), self._widget(
                    env, "monetary", value, display_currency=currency))
        row = env["coup.member.booklet"].new({"kind": "membership_exit"})
        self.assertEqual(formats.selection(row, "kind"), self._widget(
            env, "selection", "membership_exit",
            selection=dict(row._fields["kind"]._description_selection(env))))

    def test_like_odoo_widgets_in_each_language(self):
        for lang in ("en_US", "fr_FR", "es_ES"):
            with self.subTest(lang=lang):
                self._check(self.env(context={"lang": lang, "tz": "America/Bogota"}))
        env = self.env(context={"lang": "fr_FR"})
        self.assertEqual(PortalFormats(env).date(datetime.date(2026, 11, 3)), "03/11/2026")
        self.assertEqual(PortalFormats(env).amount(1250.5, self.xof), "1\N{NO-BREAK SPACE}251"
                         "\N{NO-BREAK SPACE}%s" % self.xof.symbol)
        row = env["coup.member.booklet"].new({"kind": "membership_exit"})
        self.assertEqual(PortalFormats(env).selection(row, "kind"), "Départ")

    def test_a_date_format_with_names_is_in_the_language(self):
        """A language whose dates name the month writes it in that language."""
        self.env["res.lang"]._lang_get("fr_FR").date_format = "%d %B %Y"
        env = self.env(context={"lang": "fr_FR"})
        self.assertEqual(PortalFormats(env).date(datetime.date(2026, 8, 3)), "03 août 2026")
        self._check(env)

    def test_a_language_grouping_otherwise_groups_the_same(self):
        """Separators and grouping are the language's, as Odoo's widgets read them: digits
        grouped by three then two (as in India), a comma for the decimals."""
        self.env["res.lang"]._lang_get("es_ES").write({
            "grouping": "[3,2,-1]", "thousands_sep": ".", "decimal_point": ","})
        env = self.env(context={"lang": "es_ES"})
        self.assertEqual(PortalFormats(env).number(1234567.5, 1), "12.34.567,5")
        self._check(env)
