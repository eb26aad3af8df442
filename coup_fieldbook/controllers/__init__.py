from . import basemap, portal
