import { Component } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { registry } from "@web/core/registry";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/**
 * At the door with a phone: the camera reads the member card into the Member Card field, as a
 * scanner would type it; staff then confirm with "Mark Present".
 */
export class ScanCardCamera extends Component {
    static template = "coup_activities.ScanCardCamera";
    static props = { ...standardWidgetProps };

    setup() {
        this.supported = isBarcodeScannerSupported();
    }

    async onClick() {
        const code = await scanBarcode(this.env);
        if (code) {
            await this.props.record.update({ card: code });
        }
    }
}

registry.category("view_widgets").add("coup_scan_card_camera", { component: ScanCardCamera });
