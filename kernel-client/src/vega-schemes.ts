/**
 * The continuous colour schemes Vega knows (vega-scale's palettes, by their lower-case names),
 * so that a field's scheme is checked at the call site rather than failing in the viewer.
 */
export const VEGA_SCHEMES: ReadonlySet<string> = new Set(
  (
    'blues greens greys oranges purples reds bluegreen bluepurple greenblue orangered ' +
    'purpleblue purplebluegreen purplered redpurple yellowgreen yelloworangebrown ' +
    'yelloworangered blueorange brownbluegreen purplegreen purpleorange redblue redgrey ' +
    'yellowgreenblue redyellowblue redyellowgreen pinkyellowgreen spectral viridis magma ' +
    'inferno plasma cividis rainbow sinebow turbo browns tealblues teals warmgreys goldgreen ' +
    'goldorange goldred lightgreyred lightgreyteal lightmulti lightorange lighttealblue ' +
    'darkblue darkgold darkgreen darkmulti darkred'
  ).split(' ')
);
