from . import test_patronage_pos
