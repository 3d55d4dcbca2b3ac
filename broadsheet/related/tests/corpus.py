"""A tiny corpus on clearly separate subjects, written for these tests."""

from __future__ import annotations

SUBJECTS: dict[str, list[tuple[str, str, str]]] = {
    "astronomy": [
        (
            "A comet returns to the evening sky",
            "Telescopes across the south will track its tail.",
            "The comet swings past the sun every seventy years. Astronomers expect its icy "
            "nucleus to brighten as it nears perihelion, and the tail should be visible "
            "through binoculars. Observatories plan to photograph the comet each night.",
        ),
        (
            "Why the new telescope sees further",
            "A larger mirror gathers fainter light from distant galaxies.",
            "The telescope's segmented mirror collects light from galaxies formed soon after "
            "the big bang. Astronomers say the infrared camera will reveal planets around "
            "nearby stars and the dust where comets and planets form.",
        ),
        (
            "Planets line up before dawn",
            "Five planets and the moon share the eastern sky this week.",
            "Observers with a small telescope can find Jupiter's moons and Saturn's rings. "
            "Astronomers at the observatory will host a night of viewing for the planets, "
            "weather permitting, with talks on galaxies and comets.",
        ),
        (
            "Observatory funding secured for a decade",
            "The mountain-top telescopes will keep watching the stars.",
            "The observatory's telescopes study galaxies, planets and the orbits of comets. "
            "Astronomers welcomed the money, which pays for a new mirror coating and a "
            "camera that can follow a comet across the night sky.",
        ),
    ],
    "baking": [
        (
            "The secret of a crisp sourdough crust",
            "Steam in the oven for the first twenty minutes.",
            "Bakers let the sourdough dough prove overnight, then bake the loaf in a hot "
            "oven with a tray of water. The flour, the starter and the oven temperature "
            "decide how the crust and crumb turn out.",
        ),
        (
            "Butter or oil in a sponge cake?",
            "A baker tests both in the same oven.",
            "The butter sponge rose higher, the oil cake stayed moist longer. Sift the flour, "
            "cream the butter with sugar and bake the cake until a skewer comes out clean. "
            "Every baker has an opinion about the crumb.",
        ),
        (
            "Village bakery wins the loaf prize",
            "Its rye bread beat forty entries.",
            "The bakery's baker proves the rye dough for a day before it goes into a wood "
            "oven. Judges praised the crust, the open crumb and the flavour of the flour, "
            "milled a few miles from the bakery.",
        ),
        (
            "Bread flour prices rise again",
            "Bakers pass the cost of wheat on to customers.",
            "Bakeries say the price of a sack of bread flour has doubled. A baker needs flour, "
            "water, salt and yeast for a loaf, and the oven's gas bill has risen too; some "
            "bakeries now bake sourdough only at weekends.",
        ),
    ],
    "football": [
        (
            "Late goal sends the club into the final",
            "The striker scored in the ninety-third minute.",
            "The club's striker headed the goal from a corner after the goalkeeper had saved "
            "a penalty. The manager praised the defence and the fans sang until the final "
            "whistle; the league leaders wait in the cup final.",
        ),
        (
            "Manager signs a new contract",
            "Three more seasons at the club after a cup run.",
            "The manager has won the league once and reached two cup finals. The club's "
            "players, the striker among them, backed him, and the fans chanted his name "
            "at the stadium before the match.",
        ),
        (
            "Goalkeeper's penalty saves earn a point",
            "Two saves in the second half keep the club unbeaten.",
            "The goalkeeper dived left twice to stop the penalty kicks, and the defence held "
            "firm until the whistle. The striker missed a late chance to score the winning "
            "goal, and the manager called the match a fair draw.",
        ),
        (
            "Stadium to grow by ten thousand seats",
            "The club wants more fans at every league match.",
            "The club will extend the stadium's stands before next season. The manager said "
            "the players feed off the fans, and the striker's goal in the last league match "
            "came in front of a record crowd.",
        ),
    ],
}
