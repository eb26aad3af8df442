import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

import { Component, onMounted, onWillUnmount } from "@odoo/owl";

/**
 * Keeps the form of a member register import up to date while it imports in the background:
 * the record is read again every few seconds until it is imported or failed, so the progress
 * bar moves and the result shows without the user reloading the page.
 */
export class CoupImportProgress extends Component {
    static props = { ...standardWidgetProps, interval: { type: Number, optional: true } };
    static defaultProps = { interval: 2000 };
    static template = "coup_member_registry.ImportProgress";

    setup() {
        onMounted(() => {
            this.timer = browser.setInterval(() => this.refresh(), this.props.interval);
        });
        onWillUnmount(() => browser.clearInterval(this.timer));
    }

    async refresh() {
        const record = this.props.record;
        if (record.data.state !== "queued" || record.dirty) {
            return;
        }
        await record.load();
    }
}

registry.category("view_widgets").add("coup_import_progress", {
    component: CoupImportProgress,
});
