using static EventLoopKv.Server.Commands.CommandFlags;

namespace EventLoopKv.Server.Commands;

/// <summary>The geospatial commands (Redis geo.c), as Redis 7.0's COMMAND describes them.</summary>
internal sealed partial class CommandTable
{
    private static CommandDescriptor[] GeoCommands() =>
    [
        new("geoadd", -5, Write | DenyOom, 1, 1, 1, Commands.GeoCommands.GeoAdd, "geo", "Add one or more geospatial items in the geospatial index represented using a sorted set", "3.2.0"),
        new("geodist", -4, ReadOnly, 1, 1, 1, Commands.GeoCommands.GeoDist, "geo", "Returns the distance between two members of a geospatial index", "3.2.0"),
        new("geohash", -2, ReadOnly, 1, 1, 1, Commands.GeoCommands.GeoHashCommand, "geo", "Returns members of a geospatial index as standard geohash strings", "3.2.0"),
        new("geopos", -2, ReadOnly, 1, 1, 1, Commands.GeoCommands.GeoPos, "geo", "Returns longitude and latitude of members of a geospatial index", "3.2.0"),
        // GEORADIUS and GEORADIUSBYMEMBER: Redis adds movablekeys (the STORE destination).
        new("georadius", -6, Write | DenyOom, 1, 1, 1, Commands.GeoCommands.GeoRadius, "geo", "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point", "3.2.0"),
        new("georadius_ro", -6, ReadOnly, 1, 1, 1, Commands.GeoCommands.GeoRadiusRo, "geo", "A read-only variant for GEORADIUS", "3.2.10"),
        new("georadiusbymember", -5, Write | DenyOom, 1, 1, 1, Commands.GeoCommands.GeoRadiusByMember, "geo", "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member", "3.2.0"),
        new("georadiusbymember_ro", -5, ReadOnly, 1, 1, 1, Commands.GeoCommands.GeoRadiusByMemberRo, "geo", "A read-only variant for GEORADIUSBYMEMBER", "3.2.10"),
        new("geosearch", -7, ReadOnly, 1, 1, 1, Commands.GeoCommands.GeoSearch, "geo", "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.", "6.2.0"),
        new("geosearchstore", -8, Write | DenyOom, 1, 2, 1, Commands.GeoCommands.GeoSearchStore, "geo", "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.", "6.2.0"),
    ];
}
