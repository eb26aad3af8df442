from . import coup_capital_import
