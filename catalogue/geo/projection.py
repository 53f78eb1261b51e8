"""One map projection for every map of the site: an equidistant conic fitted to Russia (standard parallels 52° and
64° N, central meridian 100° E), in kilometres. Longitudes west of Greenwich past the 180th meridian (Chukotka)
are read as east (+360°), so the country stays whole."""
from math import cos, pi, radians, sin

EARTH_RADIUS_KM = 6371.0
_PHI1, _PHI2, _PHI0, _LAMBDA0 = radians(52), radians(64), radians(55), radians(100)
_N = (cos(_PHI1) - cos(_PHI2)) / (_PHI2 - _PHI1)
_G = cos(_PHI1) / _N + _PHI1
_RHO0 = _G - _PHI0


def project(lon, lat):
    """(x, y) in km on the page: x grows to the east, y grows to the south (as SVG's does)."""
    if lon < -30:
        lon += 360
    rho = _G - radians(lat)
    theta = _N * (radians(lon) - _LAMBDA0)
    x = EARTH_RADIUS_KM * rho * sin(theta)
    y = EARTH_RADIUS_KM * (_RHO0 - rho * cos(theta))
    return x, -y


assert 0 < _N < 1 and pi > _G
