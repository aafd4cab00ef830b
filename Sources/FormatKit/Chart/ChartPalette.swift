/// The colours of the series: twelve that differ in lightness as well as
/// hue, so that they stay apart when printed in grey. Each six spread over
/// the greys from dark to light (no two within 24 levels of 255), and
/// neighbours, which touch in a stack, alternate dark and light (45 levels
/// apart or more). The second six also get a hatch on their areas and a
/// dash on their lines, as twelve greys alone cannot all be told apart.
enum ChartPalette {
    static let colours = [
        "#08306b", "#fdb863", "#1b9e77", "#f0e442", "#6a3d9a", "#56b4e9",
        "#d95f02", "#252525", "#a6cee3", "#66a61e", "#8c510a", "#fb9a99",
    ]

    /// Stroke dash patterns for lines, one per series (empty: solid).
    static let dashes = ["", "", "", "", "", "", "8 4", "2 3", "8 3 2 3", "12 4", "4 4", "1 2"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    /// Whether the series' area is hatched.
    static func isHatched(_ index: Int) -> Bool { index % colours.count >= 6 }
}
