/// The colours of the series: twelve that differ in lightness as well as
/// hue (Okabe and Ito's colour-blind-safe set, with darker and lighter
/// companions), so that neighbours stay apart when printed in grey. The
/// second six also get a hatch on their areas and a dash on their lines, as
/// twelve greys alone cannot all be told apart.
enum ChartPalette {
    static let colours = [
        "#0b3c7d", "#e69f00", "#009e73", "#f0e442", "#7b2d83", "#56b4e9",
        "#d55e00", "#4d4d4d", "#cc79a7", "#a6cee3", "#6b8e23", "#8c510a",
    ]

    /// Stroke dash patterns for lines, one per series (empty: solid).
    static let dashes = ["", "", "", "", "", "", "8 4", "2 3", "8 3 2 3", "12 4", "4 4", "1 2"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }
    /// Whether the series' area is hatched.
    static func isHatched(_ index: Int) -> Bool { index % colours.count >= 6 }
}
