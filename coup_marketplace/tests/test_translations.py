from odoo.tests import TransactionCase

from odoo.addons.coup_member_registry.tests.po_check import untranslated


class TestMarketplacePoFiles(TransactionCase):
    """Every term of the marketplace is translated in French and Spanish."""

    def test_no_untranslated_term(self):
        self.assertEqual(untranslated("coup_marketplace"), [])
