import Testing
@testable import Contrastive

@Test func nearestPartnerCountsOnlyTheOtherView() {
    // Pairs (0,2) and (1,3): rows 0/2 identical, rows 1/3 identical but row 1 is also closest to row 0.
    let f = FeatureMatrix(values: [1, 0, 0.6, 0.8, 1, 0, 0.6, 0.8], count: 4, dim: 2, labels: [])
    #expect(Retrieval.nearestIsPartner(f, pairs: 2) == 1.0)
    let swapped = FeatureMatrix(values: [1, 0, 0, 1, 0, 1, 1, 0], count: 4, dim: 2, labels: [])
    #expect(Retrieval.nearestIsPartner(swapped, pairs: 2) == 0.0)
}
