from . import test_training_course
from . import test_website_layout
