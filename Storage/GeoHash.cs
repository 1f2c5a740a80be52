namespace EventLoopKv.Storage;

/// <summary>A geohash cell: interleaved bits (longitude on odd bits, latitude on even bits) at a step (Redis GeoHashBits).</summary>
public readonly record struct GeoHashBits(ulong Bits, int Step)
{
    public bool IsZero => Bits == 0 && Step == 0;
}

/// <summary>A cell's bounds in degrees (Redis GeoHashArea).</summary>
public readonly record struct GeoHashArea(double LonMin, double LonMax, double LatMin, double LatMax);

/// <summary>The shape of a GEOSEARCH: a circle (radius) or a box (width, height), in the unit's numbers, with the unit's meters.</summary>
public struct GeoShape
{
    public bool IsBox;
    public double Longitude;
    public double Latitude;
    public double Radius;
    public double Width;
    public double Height;
    public double Conversion;
    /// <summary>
    /// cos of the centre's latitude in radians, once per search (<see cref="GeoHash.Prepare"/>,
    /// which sets <see cref="CentreCosineKnown"/>). Every candidate's distance from the centre needs it.
    /// </summary>
    public double CentreLatitudeCosine;
    public bool CentreCosineKnown;
}

/// <summary>
/// Redis's geohash.c and geohash_helper.c, bit for bit and in the same floating-point order: the
/// 52-bit scores a geo index keeps in its sorted set, their decoding, neighbour cells, the
/// cells a radius or box search visits, and the haversine distance with Redis's Earth radius.
/// </summary>
public static class GeoHash
{
    public const int StepMax = 26;
    public const double LatMin = -85.05112878;
    public const double LatMax = 85.05112878;
    public const double LonMin = -180;
    public const double LonMax = 180;
    public const double EarthRadiusInMeters = 6372797.560856;
    private const double MercatorMax = 20037726.37;
    private const double DegToRad = Math.PI / 180.0;

    private static double DegRad(double ang) => ang * DegToRad;

    private static double RadDeg(double ang) => ang / DegToRad;

    private static ulong Interleave64(uint xlo, uint ylo)
    {
        ulong x = xlo, y = ylo;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        y = (y | (y << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        y = (y | (y << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        y = (y | (y << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        y = (y | (y << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & 0x5555555555555555UL;
        y = (y | (y << 1)) & 0x5555555555555555UL;
        return x | (y << 1);
    }

    private static ulong Deinterleave64(ulong interleaved)
    {
        ulong x = interleaved, y = interleaved >> 1;
        x &= 0x5555555555555555UL;
        y &= 0x5555555555555555UL;
        x = (x | (x >> 1)) & 0x3333333333333333UL;
        y = (y | (y >> 1)) & 0x3333333333333333UL;
        x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        y = (y | (y >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x >> 4)) & 0x00FF00FF00FF00FFUL;
        y = (y | (y >> 4)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x >> 8)) & 0x0000FFFF0000FFFFUL;
        y = (y | (y >> 8)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x >> 16)) & 0x00000000FFFFFFFFUL;
        y = (y | (y >> 16)) & 0x00000000FFFFFFFFUL;
        return x | (y << 32);
    }

    /// <summary>C's (uint32_t) conversion of a non-negative double.</summary>
    private static uint ToUInt32(double value) => (uint)(ulong)value;

    /// <summary>Redis geohashEncode; false when the point is outside the ranges.</summary>
    public static bool Encode(double lonMin, double lonMax, double latMin, double latMax, double longitude, double latitude, int step, out GeoHashBits hash)
    {
        hash = default;
        if (step > 32 || step == 0) return false;
        if (longitude > LonMax || longitude < LonMin || latitude > LatMax || latitude < LatMin) return false;
        if (latitude < latMin || latitude > latMax || longitude < lonMin || longitude > lonMax) return false;
        var latOffset = (latitude - latMin) / (latMax - latMin);
        var lonOffset = (longitude - lonMin) / (lonMax - lonMin);
        latOffset *= 1UL << step;
        lonOffset *= 1UL << step;
        hash = new GeoHashBits(Interleave64(ToUInt32(latOffset), ToUInt32(lonOffset)), step);
        return true;
    }

    public static bool EncodeWgs84(double longitude, double latitude, int step, out GeoHashBits hash) =>
        Encode(LonMin, LonMax, LatMin, LatMax, longitude, latitude, step, out hash);

    /// <summary>The 52-bit score GEOADD stores for a point (geohashAlign52Bits of the step-26 hash).</summary>
    public static ulong Score(double longitude, double latitude)
    {
        EncodeWgs84(longitude, latitude, StepMax, out var hash);
        return Align52Bits(hash);
    }

    public static ulong Align52Bits(GeoHashBits hash) => hash.Bits << (52 - hash.Step * 2);

    /// <summary>Redis geohashDecode.</summary>
    public static bool Decode(double lonMin, double lonMax, double latMin, double latMax, GeoHashBits hash, out GeoHashArea area)
    {
        area = default;
        if (hash.IsZero) return false;
        var separated = Deinterleave64(hash.Bits);
        var latScale = latMax - latMin;
        var lonScale = lonMax - lonMin;
        var ilato = (uint)separated;
        var ilono = (uint)(separated >> 32);
        double divisor = 1UL << hash.Step;
        area = new GeoHashArea(
            lonMin + (ilono * 1.0 / divisor) * lonScale,
            lonMin + ((uint)(ilono + 1) * 1.0 / divisor) * lonScale,
            latMin + (ilato * 1.0 / divisor) * latScale,
            latMin + ((uint)(ilato + 1) * 1.0 / divisor) * latScale);
        return true;
    }

    public static bool DecodeWgs84(GeoHashBits hash, out GeoHashArea area) => Decode(LonMin, LonMax, LatMin, LatMax, hash, out area);

    /// <summary>Redis decodeGeohash: a sorted-set score back to the centre of its cell, clamped to the ranges.</summary>
    public static bool DecodeScore(double score, out double longitude, out double latitude)
    {
        longitude = latitude = 0;
        // C's (uint64_t) of a double: negative or huge scores are not geohashes (x86-64 gives 0 or 2^63 there).
        var bits = score >= 0 && score < 18446744073709551616.0 ? (ulong)score : 0UL;
        if (!DecodeWgs84(new GeoHashBits(bits, StepMax), out var area)) return false;
        longitude = (area.LonMin + area.LonMax) / 2;
        if (longitude > LonMax) longitude = LonMax;
        if (longitude < LonMin) longitude = LonMin;
        latitude = (area.LatMin + area.LatMax) / 2;
        if (latitude > LatMax) latitude = LatMax;
        if (latitude < LatMin) latitude = LatMin;
        return true;
    }

    /// <summary>GEOHASH's 11-character string: the point re-encoded with the standard latitude range ±90.</summary>
    public static void StandardString(double longitude, double latitude, Span<byte> destination)
    {
        ReadOnlySpan<byte> alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"u8;
        Encode(-180, 180, -90, 90, longitude, latitude, StepMax, out var hash);
        for (var i = 0; i < 11; i++)
        {
            var index = i == 10 ? 0 : (int)((hash.Bits >> (52 - (i + 1) * 5)) & 0x1f);
            destination[i] = alphabet[index];
        }
    }

    private static GeoHashBits MoveX(GeoHashBits hash, int d)
    {
        if (d == 0) return hash;
        var x = hash.Bits & 0xaaaaaaaaaaaaaaaaUL;
        var y = hash.Bits & 0x5555555555555555UL;
        var zz = 0x5555555555555555UL >> (64 - hash.Step * 2);
        if (d > 0) x += zz + 1;
        else
        {
            x |= zz;
            x -= zz + 1;
        }
        x &= 0xaaaaaaaaaaaaaaaaUL >> (64 - hash.Step * 2);
        return hash with { Bits = x | y };
    }

    private static GeoHashBits MoveY(GeoHashBits hash, int d)
    {
        if (d == 0) return hash;
        var x = hash.Bits & 0xaaaaaaaaaaaaaaaaUL;
        var y = hash.Bits & 0x5555555555555555UL;
        var zz = 0xaaaaaaaaaaaaaaaaUL >> (64 - hash.Step * 2);
        if (d > 0) y += zz + 1;
        else
        {
            y |= zz;
            y -= zz + 1;
        }
        y &= 0x5555555555555555UL >> (64 - hash.Step * 2);
        return hash with { Bits = x | y };
    }

    /// <summary>A neighbour cell: dx east (+1) or west (-1), dy north (+1) or south (-1).</summary>
    public static GeoHashBits Neighbour(GeoHashBits hash, int dx, int dy) => MoveY(MoveX(hash, dx), dy);

    /// <summary>Redis geohashEstimateStepsByRadius.</summary>
    public static int EstimateStepsByRadius(double rangeMeters, double latitude)
    {
        if (rangeMeters == 0) return 26;
        var step = 1;
        while (rangeMeters < MercatorMax)
        {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (latitude > 66 || latitude < -66)
        {
            step--;
            if (latitude > 80 || latitude < -80) step--;
        }
        if (step < 1) step = 1;
        if (step > 26) step = 26;
        return step;
    }

    /// <summary>
    /// Redis geohashCalculateAreasByShapeWGS84: the cells a search visits, in Redis's order
    /// (centre, north, south, east, west, north-east, north-west, south-east, south-west); cells
    /// that cannot hold a match are zero (<see cref="GeoHashBits.IsZero"/>).
    /// </summary>
    public static void AreasByShape(in GeoShape shape, Span<GeoHashBits> cells)
    {
        double longitude = shape.Longitude, latitude = shape.Latitude;
        // geohashBoundingBox
        var height = shape.Conversion * (shape.IsBox ? shape.Height / 2 : shape.Radius);
        var width = shape.Conversion * (shape.IsBox ? shape.Width / 2 : shape.Radius);
        var latDelta = RadDeg(height / EarthRadiusInMeters);
        var lonDeltaTop = RadDeg(width / EarthRadiusInMeters / Math.Cos(DegRad(latitude + latDelta)));
        var lonDeltaBottom = RadDeg(width / EarthRadiusInMeters / Math.Cos(DegRad(latitude - latDelta)));
        var southern = latitude < 0;
        var minLon = southern ? longitude - lonDeltaBottom : longitude - lonDeltaTop;
        var maxLon = southern ? longitude + lonDeltaBottom : longitude + lonDeltaTop;
        var minLat = latitude - latDelta;
        var maxLat = latitude + latDelta;

        var radiusMeters = shape.IsBox
            ? Math.Sqrt((shape.Width / 2) * (shape.Width / 2) + (shape.Height / 2) * (shape.Height / 2))
            : shape.Radius;
        radiusMeters *= shape.Conversion;
        var steps = EstimateStepsByRadius(radiusMeters, latitude);

        EncodeWgs84(longitude, latitude, steps, out var hash);
        DecodeWgs84(Neighbour(hash, 0, 1), out var north);
        DecodeWgs84(Neighbour(hash, 0, -1), out var south);
        DecodeWgs84(Neighbour(hash, 1, 0), out var east);
        DecodeWgs84(Neighbour(hash, -1, 0), out var west);
        var decrease = north.LatMax < maxLat || south.LatMin > minLat || east.LonMax < maxLon || west.LonMin > minLon;
        if (steps > 1 && decrease)
        {
            steps--;
            EncodeWgs84(longitude, latitude, steps, out hash);
        }
        DecodeWgs84(hash, out var area);

        cells[0] = hash;
        cells[1] = Neighbour(hash, 0, 1);   // north
        cells[2] = Neighbour(hash, 0, -1);  // south
        cells[3] = Neighbour(hash, 1, 0);   // east
        cells[4] = Neighbour(hash, -1, 0);  // west
        cells[5] = Neighbour(hash, 1, 1);   // north-east
        cells[6] = Neighbour(hash, -1, 1);  // north-west
        cells[7] = Neighbour(hash, 1, -1);  // south-east
        cells[8] = Neighbour(hash, -1, -1); // south-west
        if (steps >= 2)
        {
            if (area.LatMin < minLat) cells[2] = cells[8] = cells[7] = default;
            if (area.LatMax > maxLat) cells[1] = cells[5] = cells[6] = default;
            if (area.LonMin < minLon) cells[4] = cells[8] = cells[6] = default;
            if (area.LonMax > maxLon) cells[3] = cells[7] = cells[5] = default;
        }
    }

    /// <summary>The score range [min, max) a cell covers in the sorted set (Redis scoresOfGeoHashBox).</summary>
    public static (ulong Min, ulong Max) ScoresOfCell(GeoHashBits hash) =>
        (Align52Bits(hash), Align52Bits(hash with { Bits = hash.Bits + 1 }));

    /// <summary>Redis 7.0's geohashGetDistance: haversine on a sphere of Redis's Earth radius, in meters.</summary>
    public static double Distance(double lon1, double lat1, double lon2, double lat2)
    {
        var lat1r = DegRad(lat1);
        var lat2r = DegRad(lat2);
        return Haversine(lat1r, DegRad(lon1), Math.Cos(lat1r), lat2r, DegRad(lon2), Math.Cos(lat2r));
    }

    /// <summary>geohashGetDistance's last step, with both latitudes' cosines given (a search knows its centre's).</summary>
    private static double Haversine(double lat1r, double lon1r, double cosLat1, double lat2r, double lon2r, double cosLat2)
    {
        var u = Math.Sin((lat2r - lat1r) / 2);
        var v = Math.Sin((lon2r - lon1r) / 2);
        return 2.0 * EarthRadiusInMeters * Math.Asin(Math.Sqrt(u * u + cosLat1 * cosLat2 * v * v));
    }

    /// <summary>The shape with its centre's cosine computed, for a search that tests many points.</summary>
    public static GeoShape Prepare(GeoShape shape)
    {
        shape.CentreLatitudeCosine = Math.Cos(DegRad(shape.Latitude));
        shape.CentreCosineKnown = true;
        return shape;
    }

    /// <summary>
    /// Redis geoWithinShape after decoding: whether the point (x2, y2) is inside the shape, and its
    /// distance in meters from the centre.
    /// <para>
    /// The same doubles as Redis 7.0's geohashGetDistance calls, with less trigonometry (a box
    /// search spent over a third of its time in sin and cos): the centre's cosine is computed
    /// once per search, and where Redis's formula meets sin(0) = 0 the term it zeroes is left
    /// out, which is exact (x + 0 and x * 0 * 0 are exact for the finite, non-negative values
    /// involved). A box test checks latitude before longitude; both are pure, so the answer is
    /// Redis's "lon > w/2 || lat > h/2".
    /// </para>
    /// </summary>
    public static bool WithinShape(in GeoShape shape, double longitude, double latitude, out double distance)
    {
        var centreCosine = shape.CentreCosineKnown ? shape.CentreLatitudeCosine : Math.Cos(DegRad(shape.Latitude));
        var latitudeR = DegRad(latitude);
        distance = 0;
        if (!shape.IsBox)
        {
            distance = Haversine(DegRad(shape.Latitude), DegRad(shape.Longitude), centreCosine, latitudeR, DegRad(longitude), Math.Cos(latitudeR));
            return !(distance > shape.Radius * shape.Conversion);
        }
        // Redis 7.0's geohashGetDistanceIfInRectangle.
        // geohashGetDistance(x2, y2, x2, y1): equal longitudes, v = sin(0) = 0.
        var u = Math.Sin((DegRad(shape.Latitude) - latitudeR) / 2);
        var latDistance = 2.0 * EarthRadiusInMeters * Math.Asin(Math.Sqrt(u * u));
        if (latDistance > shape.Height * shape.Conversion / 2) return false;
        // geohashGetDistance(x2, y2, x1, y2): equal latitudes, u = sin(0) = 0.
        var cosine = Math.Cos(latitudeR);
        var v = Math.Sin((DegRad(shape.Longitude) - DegRad(longitude)) / 2);
        var lonDistance = 2.0 * EarthRadiusInMeters * Math.Asin(Math.Sqrt(cosine * cosine * v * v));
        if (lonDistance > shape.Width * shape.Conversion / 2) return false;
        distance = Haversine(DegRad(shape.Latitude), DegRad(shape.Longitude), centreCosine, latitudeR, DegRad(longitude), cosine);
        return true;
    }
}
