from . import coup_offer
