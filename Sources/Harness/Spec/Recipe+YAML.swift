/// `replicate show`: a recipe written back as a complete, valid spec (version 1, no include, no variants),
/// so that the output validates again and resolves to an equal recipe.
extension Recipe {
    public func yamlText() -> String {
        "# \(id) resolved for scale \(scale.rawValue)\n" + YAMLWriter.text(yamlValue)
    }

    var yamlValue: YAMLValue {
        var top: [(String, YAMLValue?)] = [("version", .int(1)), ("id", .string(id))]
        var p: [(String, YAMLValue?)] = [("title", .string(paper.title)), ("authors", .list(paper.authors.map(YAMLValue.string))),
                                        ("venue", .string(paper.venue)), ("year", .int(paper.year))]
        p.append(opt("arxiv", paper.arxiv.map(YAMLValue.string)))
        if let code = paper.code { p.append(("code", mapping([("url", .string(code.url)), opt("commit", code.commit.map(YAMLValue.string))]))) }
        top.append(("paper", mapping(p)))
        top.append(("checklist", .map(checklist.map { ($0.item, .map([("answer", .string($0.answer)), ("note", .string($0.note))])) })))
        if let h = hardware {
            top.append(("hardware", mapping([("description", .string(h.description)), opt("gpus", h.gpus.map(YAMLValue.int)),
                                         opt("gpu_hours", h.gpuHours.map(YAMLValue.double)), opt("note", h.note.map(YAMLValue.string))])))
        }
        top.append(("data", Recipe.dataValue(data)))
        if !conditions.isEmpty {
            top.append(("conditions", .list(conditions.map { c in
                .map([("id", .string(c.id)), ("data", Recipe.dataValue(c.data))])
            })))
        }
        top.append(("augment", augmentValue))
        top.append(("model", modelValue))
        top.append(("methods", .list(methods.map(Recipe.methodValue))))
        top.append(("optimizer", Recipe.optimizerValue(optimizer)))
        top.append(("schedule", Recipe.scheduleValue(schedule)))
        top.append(("epochs", .int(epochs)))
        top.append(opt("steps", steps.map(YAMLValue.int)))
        top.append(("batch_size", .int(batchSize)))
        top.append(("seeds", .int(seeds)))
        top.append(("evaluation", .list(evaluation.map(Recipe.evaluationValue))))
        top.append(("claims", .list(claims.map(Recipe.claimValue))))
        return mapping(top)
    }

    private var augmentValue: YAMLValue {
        let a = augment
        return mapping([
            opt("random_resized_crop", a.randomResizedCrop.map { c in
                mapping([("size", .int(c.size)), ("scale", doubles(c.scale)), opt("ratio", c.ratio.map(doubles))]) }),
            opt("horizontal_flip", a.horizontalFlip.map(YAMLValue.double)),
            opt("color_jitter", a.colorJitter.map { j in
                .map([("brightness", .double(j.brightness)), ("contrast", .double(j.contrast)),
                      ("saturation", .double(j.saturation)), ("hue", .double(j.hue)), ("p", .double(j.p))]) }),
            opt("grayscale", a.grayscale.map(YAMLValue.double)),
            opt("gaussian_blur", a.gaussianBlur.map { g in
                mapping([("p", .double(g.p)), ("sigma", doubles(g.sigma)), opt("kernel_fraction", g.kernelFraction.map(YAMLValue.double))]) }),
            opt("normalize", a.normalize.map { n in .map([("mean", doubles(n.mean)), ("std", doubles(n.std))]) }),
        ])
    }

    private var modelValue: YAMLValue {
        mapping([("backbone", .string(model.backbone)), opt("stem", model.stem.map(YAMLValue.string)),
             opt("output_dim", model.outputDim.map(YAMLValue.int)),
             opt("projector", model.projector.map { p in
                 mapping([("hidden", .list(p.hidden.map(YAMLValue.int))), ("output", .int(p.output)),
                      opt("batch_norm", p.batchNorm.map(YAMLValue.bool)), opt("last_bias", p.lastBias.map(YAMLValue.bool))]) })])
    }

    static func methodValue(_ m: MethodSpec) -> YAMLValue {
        let loss: [(String, YAMLValue)] = [("name", .string(m.loss.name))]
            + m.loss.parameters.keys.sorted().map { ($0, .double(m.loss.parameters[$0]!)) }
        return mapping([("id", .string(m.id)), ("label", .string(m.label)), ("loss", .map(loss)), ("views", .int(m.views)),
                    opt("momentum_encoder", m.momentumEncoder.map { e in
                        mapping([("momentum", .double(e.momentum)), opt("shuffle_bn", e.shuffleBN.map(YAMLValue.bool))]) }),
                    opt("queue", m.queue.map { .map([("size", .int($0.size))]) }),
                    opt("memory_bank", m.memoryBank.map { b in
                        mapping([("size", b.size.map(YAMLValue.int) ?? .string("all")), ("momentum", .double(b.momentum)),
                             opt("negatives", b.negatives.map(YAMLValue.int))]) }),
                    ("use_projector", .bool(m.useProjector)),
                    opt("optimizer", m.optimizer.map { o in .map(o.values.keys.sorted().map { ($0, .double(o.values[$0]!)) }) })])
    }

    static func optimizerValue(_ o: OptimizerSpec) -> YAMLValue {
        mapping([("name", .string(o.name)), ("lr", .double(o.lr)), opt("momentum", o.momentum.map(YAMLValue.double)),
             opt("nesterov", o.nesterov.map(YAMLValue.bool)), opt("weight_decay", o.weightDecay.map(YAMLValue.double)),
             opt("betas", o.betas.map(doubles)), opt("eps", o.eps.map(YAMLValue.double)),
             opt("exclude_bn_bias", o.excludeBNBias.map(YAMLValue.bool)),
             opt("trust_coefficient", o.trustCoefficient.map(YAMLValue.double))])
    }

    static func scheduleValue(_ s: ScheduleSpec) -> YAMLValue {
        mapping([("name", .string(s.name)), opt("milestones", s.milestones.map { .list($0.map(YAMLValue.int)) }),
             opt("gamma", s.gamma.map(YAMLValue.double)), opt("warmup_epochs", s.warmupEpochs.map(YAMLValue.int)),
             opt("final_lr", s.finalLR.map(YAMLValue.double))])
    }

    static func evaluationValue(_ e: EvaluationSpec) -> YAMLValue {
        mapping([("id", .string(e.id)), ("protocol", .string(e.protocol)), ("features", .string(e.features)),
             opt("train_subset", e.trainSubset.map(YAMLValue.int)), opt("test_subset", e.testSubset.map(YAMLValue.int)),
             opt("optimizer", e.optimizer.map(optimizerValue)), opt("epochs", e.epochs.map(YAMLValue.int)),
             opt("steps", e.steps.map(YAMLValue.int)), opt("batch_size", e.batchSize.map(YAMLValue.int)),
             opt("milestones", e.milestones.map { .list($0.map(YAMLValue.int)) }), opt("gamma", e.gamma.map(YAMLValue.double)),
             opt("schedule", e.schedule.map(scheduleValue)), opt("select", e.select.map(YAMLValue.string)),
             opt("hidden", e.hidden.map { .list($0.map(YAMLValue.int)) }), opt("k", e.k.map(YAMLValue.int)),
             opt("temperature", e.temperature.map(YAMLValue.double)), opt("alpha", e.alpha.map(YAMLValue.double)),
             opt("t", e.t.map(YAMLValue.double)), opt("labels_per_class", e.labelsPerClass.map(YAMLValue.int)),
             opt("trials", e.trials.map(YAMLValue.int)), opt("note", e.note.map(YAMLValue.string))])
    }

    static func dataValue(_ data: DataSpec) -> YAMLValue {
        mapping([("dataset", .string(data.dataset)), ("train_split", .string(data.trainSplit)),
                 ("eval_train_split", .string(data.evalTrainSplit)),
                 ("eval_test_split", .string(data.evalTestSplit)), ("image_size", .int(data.imageSize)),
                 ("imbalance", .string(data.imbalance)),
                 opt("train_subset", data.trainSubset.map(YAMLValue.int))])
    }

    static func claimValue(_ c: ClaimSpec) -> YAMLValue {
        let ni = c.kind == .nonInferiority || c.kind == .interaction
        return mapping([("id", .string(c.id)), ("kind", .string(c.kind.rawValue)), opt("check", c.check.map(YAMLValue.string)),
             opt(ni ? "method" : "better", c.better.map(YAMLValue.string)), opt(ni ? "baseline" : "worse", c.worse.map(YAMLValue.string)),
             opt("methods", c.methods.map { .list($0.map(YAMLValue.string)) }),
             ("metric", .string(c.metric)), opt("against", c.against.map(YAMLValue.string)),
             opt("direction", c.direction.map(YAMLValue.string)), opt("from", c.from.map(YAMLValue.string)),
             opt("to", c.to.map(YAMLValue.string)), ("margin", .double(c.margin)),
             opt("effect", c.effect.map { .map([("value", .double($0.value)), ("source", .string($0.source))]) }),
             opt("quote", c.quote.map(YAMLValue.string)),
             ("scales", .list(c.scales.map { .string($0.rawValue) }))])
    }
}

/// An optional entry: left out by `mapping` when the value is nil.
private func opt(_ key: String, _ value: YAMLValue?) -> (String, YAMLValue?) { (key, value) }
private func mapping(_ entries: [(String, YAMLValue?)]) -> YAMLValue { YAMLValue.map(entries.compactMap { key, value in value.map { (key, $0) } }) }
private func doubles(_ values: [Double]) -> YAMLValue { .list(values.map(YAMLValue.double)) }
