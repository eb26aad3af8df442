from . import coup_supplier_catalogue_import
