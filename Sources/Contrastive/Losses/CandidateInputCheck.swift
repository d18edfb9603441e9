import Engine

/// What the memory losses (MoCo, instance discrimination, Ring) need beyond their views, checked before a call:
/// user input (`replicate loss`) reaches them, and their calls only have preconditions.
enum CandidateInputCheck {
    /// `negatives` `(M, D)` with `M >= 1` and the views' `D`.
    static func candidates(_ input: LossInput, _ what: String) -> String? {
        guard let c = input.negatives else { return "needs \(what) as 'negatives' (K rows of D numbers)" }
        let d = input.views.first?.shape.last ?? 0
        guard c.shape.count == 2, c.shape[0] >= 1, c.shape[1] == d else {
            return "needs 'negatives' of shape (K, \(d)) with K >= 1, got \(c.shape)"
        }
        return nil
    }

    /// One dataset index per query, each a row of the `m`-row bank.
    static func indices(_ input: LossInput, rows n: Int, bank m: Int) -> String? {
        guard let indices = input.indices else { return "needs 'indices' (each query's row in 'negatives', the memory bank)" }
        guard indices.count == n else { return "needs one index per row: \(indices.count) 'indices' for \(n) rows" }
        if let i = indices.firstIndex(where: { !(0..<m).contains($0) }) {
            return "indices[\(i)] = \(indices[i]) is not a row of 'negatives' (0..<\(m))"
        }
        return nil
    }

    /// `N × k` non-negative draws with `k >= 1`.
    static func draws(_ input: LossInput, rows n: Int) -> String? {
        guard let draws = input.draws else { return "needs 'draws' (per row, the non-negative random integers that pick its negatives)" }
        guard n > 0, !draws.isEmpty, draws.count % n == 0 else {
            return "needs the same number (>= 1) of draws for each of the \(n) rows, got \(draws.count) in all"
        }
        if let i = draws.firstIndex(where: { $0 < 0 }) { return "draw \(i) is negative (\(draws[i]))" }
        return nil
    }
}

extension MoCoLoss {
    /// Two views of one shape and the queue.
    public func inputProblem(_ input: LossInput) -> String? {
        standardInputProblem(input) ?? CandidateInputCheck.candidates(input, "the queue")
    }
}

extension InstanceDiscrimination {
    /// One view, the bank, an index per query into it, and the draws.
    public func inputProblem(_ input: LossInput) -> String? {
        if let problem = standardInputProblem(input) ?? CandidateInputCheck.candidates(input, "the memory bank") {
            return problem
        }
        let n = input.views[0].shape[0], m = input.negatives!.shape[0]
        return CandidateInputCheck.indices(input, rows: n, bank: m) ?? CandidateInputCheck.draws(input, rows: n)
    }
}

extension Ring {
    /// A query view and either a key view (MoCo-Ring) or an index per query into the bank (IR-Ring); the
    /// candidates; draws, when given, need a non-empty ring; annealing needs the training position.
    public func inputProblem(_ input: LossInput) -> String? {
        guard input.views.count == 1 || input.views.count == 2 else {
            return "expects 1 view and 'indices' (a memory bank) or 2 views (a queue), got \(input.views.count)"
        }
        let shape = input.views[0].shape
        guard shape.count == 2, shape[0] >= 2, shape[1] >= 1 else {
            return "views must be (N, D) with N >= 2 rows and D >= 1 columns, got \(shape)"
        }
        if input.views.count == 2, input.views[1].shape != shape {
            return "view 1 has shape \(input.views[1].shape), view 0 has \(shape): all views must have the same shape"
        }
        if let problem = CandidateInputCheck.candidates(input, "the queue or memory bank") { return problem }
        let n = shape[0], m = input.negatives!.shape[0]
        if input.views.count == 1, let problem = CandidateInputCheck.indices(input, rows: n, bank: m) { return problem }
        if annealEpochs != nil, input.position == nil {
            return "anneals w_out over training (linear_anneal = 1) and needs the training position; outside training use linear_anneal = 0"
        }
        if input.draws != nil {
            if let problem = CandidateInputCheck.draws(input, rows: n) { return problem }
            let outer = Int(outerFraction(at: input.position) * Double(m)), inner = Int(self.inner * Double(outer))
            if outer - inner < 1 {
                return "draws from an empty ring: ranks [\(inner), \(outer)) of \(m) candidates; give more 'negatives' or raise 'outer'"
            }
        }
        return nil
    }
}
