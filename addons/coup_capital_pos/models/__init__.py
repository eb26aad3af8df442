from . import coup_surplus_distribution
