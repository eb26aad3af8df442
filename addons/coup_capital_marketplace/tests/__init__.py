from . import test_patronage
