from . import test_training_course
