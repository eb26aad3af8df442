/** @odoo-module **/
/**
 * An integer that is not known yet rather than zero (a parcel's planting year, its number of
 * trees): 0 shows as an empty box, not as "0".
 */
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { IntegerField, integerField } from "@web/views/fields/integer/integer_field";

export class BlankZeroIntegerField extends IntegerField {
    get formattedValue() {
        return this.value === 0 ? "" : super.formattedValue;
    }
}

registry.category("fields").add("coup_blank_zero_integer", {
    ...integerField,
    component: BlankZeroIntegerField,
    displayName: _t("Integer (empty when zero)"),
});
