"""The catalogue's schema facts, read by the runtime and the build alike.

The build writes SCHEMA_VERSION into the catalogue (PRAGMA user_version) and
the runtime refuses a catalogue of another version; the kinds and
perspectives are the vocabularies both validate against.
"""

SCHEMA_VERSION = 10
KINDS = ("feature", "animation", "documentary", "series", "short")
# soviet: made in the USSR; post_soviet: made in a former republic from 1992;
# western: made abroad about Soviet life; emigre: made abroad by a film-maker
# who had left the USSR (Tarkovsky's Nostalghia and The Sacrifice).
PERSPECTIVES = ("soviet", "post_soviet", "western", "emigre")
# The index on films (id, prominence, standing, year, setting, era, republic, studio) that
# recommend's SQL reads instead of the large rows; the build names it so (sqlite-utils' idx_<table>_<columns>).
RANKING_INDEX = "idx_films_id_prominence_standing_year_setting_from_setting_to_era_republic_studio"
