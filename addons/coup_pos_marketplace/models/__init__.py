from . import coup_collection_registration, coup_purchase, coup_purchase_line, pos_config, res_config_settings
