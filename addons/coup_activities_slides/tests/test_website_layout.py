from unittest.mock import patch

from odoo.models import BaseModel
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWebsiteLayout(HttpCase):
    """The website's layout asks the page's main object for its fields once per page, not
    four times, and still tells the editor what it told it."""

    def count_fields_get(self, url):
        calls, original = [], BaseModel.fields_get

        def counting(records, allfields=None, attributes=None):
            calls.append(records._name)
            return original(records, allfields, attributes)

        with patch.object(BaseModel, "fields_get", counting):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return calls, response.text

    def test_a_portal_page_reads_its_main_object_fields_once(self):
        new_test_user(self.env, "coup_layout_member", groups="base.group_portal",
                      password="coup_layout_member")
        self.authenticate("coup_layout_member", "coup_layout_member")
        calls, page = self.count_fields_get("/my")
        self.assertEqual(calls.count("ir.ui.view"), 1, calls)
        self.assertIn('data-can-optimize-seo="True"', page, "as Odoo says it")

    def test_the_editor_still_sees_what_it_may_do_with_a_page(self):
        channel = self.env["slide.channel"].create({"name": "Compost", "is_published": True})
        self.authenticate("admin", "admin")
        __, page = self.count_fields_get("/slides/%s" % channel.id)
        for attribute in ('data-is-published="True"', 'data-can-publish="True"',
                          'data-editable-in-backend="True"', 'data-can-optimize-seo="True"'):
            self.assertIn(attribute, page)
