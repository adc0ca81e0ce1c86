import ReportKit

/// The chart part (`word/charts/chartN.xml`) of a ``WordChart``: its plot (bars, lines or
/// areas, clustered or stacked, up or across), the target as a dashed line, axes with their
/// titles, a legend when there are several series, and the whole chart in the document's font.
extension WordChart {
    var xml: String {
        let numbers = self.numbers, drawn = drawnSeries
        let lastRow = chart.xLabels.count + 1
        let categories = "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\(lastRow)</c:f><c:strCache><c:ptCount val=\"\(chart.xLabels.count)\"/>"
            + chart.xLabels.enumerated().map { "<c:pt idx=\"\($0)\"><c:v>\(XMLText.escape($1))</c:v></c:pt>" }.joined() + "</c:strCache></c:strRef></c:cat>"
        func series(_ index: Int, kind: DocumentChart.Kind) -> String {
            let item = drawn[index], column = columnLetters(index + 2), color = item.color
            let look: String
            switch kind {
            case .bar: look = "<c:spPr><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
            case .line where item.isTarget:
                look = "<c:spPr><a:ln w=\"22225\"><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill><a:prstDash val=\"dash\"/></a:ln></c:spPr>"
                    + "<c:marker><c:symbol val=\"none\"/></c:marker>"
            case .line: look = "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill><a:round/></a:ln></c:spPr>"
                + "<c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/><c:spPr><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill></c:spPr></c:marker>"
            case .area: look = "<c:spPr><a:solidFill><a:srgbClr val=\"\(color)\"><a:alpha val=\"60000\"/></a:srgbClr></a:solidFill></c:spPr>"
            }
            let points = numbers[index].enumerated().compactMap { position, text in text.map { "<c:pt idx=\"\(position)\"><c:v>\($0)</c:v></c:pt>" } }
            return "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
                + "<c:tx><c:strRef><c:f>Sheet1!$\(column)$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(XMLText.escape(item.name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"
                + look + categories
                + "<c:val><c:numRef><c:f>Sheet1!$\(column)$2:$\(column)$\(lastRow)</c:f><c:numCache><c:formatCode>\(XMLText.escape(formatCode))</c:formatCode>"
                + "<c:ptCount val=\"\(chart.xLabels.count)\"/>\(points.joined())</c:numCache></c:numRef></c:val>"
                + (kind == .line ? "<c:smooth val=\"0\"/>" : "") + "</c:ser>"
        }
        let own = drawn.indices.filter { !drawn[$0].isTarget }, targets = drawn.indices.filter { drawn[$0].isTarget }
        let axes = "<c:axId val=\"1001\"/><c:axId val=\"1002\"/>"
        let grouping = chart.isStacked ? "stacked" : chart.kind == .bar ? "clustered" : "standard"
        var plot: String
        switch chart.kind {
        case .bar:
            plot = "<c:barChart><c:barDir val=\"\(isHorizontal ? "bar" : "col")\"/><c:grouping val=\"\(grouping)\"/><c:varyColors val=\"0\"/>"
                + own.map { series($0, kind: .bar) }.joined() + "<c:gapWidth val=\"60\"/>" + (chart.isStacked ? "<c:overlap val=\"100\"/>" : "") + axes + "</c:barChart>"
        case .line:
            plot = "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>" + (own + targets).map { series($0, kind: .line) }.joined()
                + "<c:marker val=\"1\"/>" + axes + "</c:lineChart>"
        case .area:
            plot = "<c:areaChart><c:grouping val=\"\(grouping)\"/><c:varyColors val=\"0\"/>" + own.map { series($0, kind: .area) }.joined() + axes + "</c:areaChart>"
        }
        if chart.kind != .line, !targets.isEmpty {
            plot += "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>" + targets.map { series($0, kind: .line) }.joined()
                + "<c:marker val=\"1\"/>" + axes + "</c:lineChart>"
        }
        let fontXML = "<a:latin typeface=\"\(XMLText.escape(font))\"/><a:cs typeface=\"\(XMLText.escape(font))\"/>"
        func title(_ text: String?, size: Int, rotated: Bool = false) -> String {
            guard let text else { return "" }
            return "<c:title><c:tx><c:rich><a:bodyPr\(rotated ? " rot=\"-5400000\" vert=\"horz\"" : "")/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"\(size)\" b=\"1\">\(fontXML)</a:defRPr></a:pPr>"
                + "<a:r><a:rPr lang=\"\(XMLText.escape(language))\" sz=\"\(size)\" b=\"1\">\(fontXML)</a:rPr><a:t>\(XMLText.escape(text))</a:t></a:r></a:p></c:rich></c:tx>"
                + "<c:overlay val=\"0\"/></c:title>"
        }
        // Across, the categories run down from the top and the value axis stays at the foot.
        let (categoryPosition, valuePosition) = isHorizontal ? ("l", "b") : ("b", "l")
        let categoryAxis = "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"\(isHorizontal ? "maxMin" : "minMax")\"/></c:scaling>"
            + "<c:delete val=\"0\"/><c:axPos val=\"\(categoryPosition)\"/>" + title(chart.xTitle, size: 900, rotated: isHorizontal)
            + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/>"
            + "<c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
        let valueAxis = "<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"\(valuePosition)\"/>"
            + "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
            + title(chart.yTitle, size: 900, rotated: !isHorizontal)
            + "<c:numFmt formatCode=\"\(XMLText.escape(axisFormatCode))\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
            + "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1001\"/><c:crosses val=\"\(isHorizontal ? "max" : "autoZero")\"/><c:crossBetween val=\"between\"/></c:valAx>"
        let legend = drawn.count > 1 ? "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>" : ""
        return OfficeXML.declaration
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<c:date1904 val=\"0\"/><c:lang val=\"\(XMLText.escape(language))\"/><c:roundedCorners val=\"0\"/>"
            + "<c:chart>" + (chart.title == nil ? "<c:autoTitleDeleted val=\"1\"/>" : title(chart.title, size: 1100) + "<c:autoTitleDeleted val=\"0\"/>")
            + "<c:plotArea><c:layout/>\(plot)\(categoryAxis)\(valueAxis)</c:plotArea>\(legend)<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
            + "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">\(fontXML)</a:defRPr></a:pPr><a:endParaRPr lang=\"\(XMLText.escape(language))\"/></a:p></c:txPr>"
            + "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>"
    }
}
