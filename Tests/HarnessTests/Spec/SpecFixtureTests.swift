import Foundation
import Testing
@testable import Harness

/// One malformed spec: `minimalSpec` with `old` replaced by `new`, and the issue it must produce.
struct Fixture: CustomTestStringConvertible, Sendable {
    var name: String
    var old: String
    var new: String
    var line: Int
    var keyPath: String
    var message: String
    var testDescription: String { name }
}

private func fx(_ name: String, _ old: String, _ new: String, line: Int, _ keyPath: String, _ message: String) -> Fixture {
    Fixture(name: name, old: old, new: new, line: line, keyPath: keyPath, message: message)
}

let specFixtures: [Fixture] = [
    fx("unknown key with suggestion", "  title:", "  titel:", line: 4, "paper.titel", "unknown key 'titel' (did you mean 'title'?)"),
    fx("unknown top-level key", "seeds: 3", "seed: 3", line: 41, "seed", "unknown key 'seed' (did you mean 'seeds'?)"),
    fx("loss parameter typo", "temperature: 0.5}", "temprature: 0.5}", line: 33, "methods[0].loss.temprature",
       "unknown key 'temprature' (did you mean 'temperature'?)"),
    fx("integer expected", "epochs: 10", "epochs: ten", line: 39, "epochs", "expected an integer, found 'ten'"),
    fx("float where integer expected", "epochs: 10", "epochs: 10.5", line: 39, "epochs", "expected an integer, found '10.5'"),
    fx("epochs zero", "epochs: 10", "epochs: 0", line: 39, "epochs", "must be > 0, found 0"),
    fx("temperature zero", "temperature: 0.5}", "temperature: 0}", line: 33, "methods[0].loss.temperature", "must be > 0, found 0"),
    fx("temperature above the registry range", "temperature: 0.5}", "temperature: 500}", line: 33,
       "methods[0].loss.temperature", "found 500"),
    fx("probability above one", "horizontal_flip: 0.5", "horizontal_flip: 1.5", line: 26, "augment.horizontal_flip",
       "must be in [0, 1], found 1.5"),
    fx("batch size zero", "batch_size: 128", "batch_size: 0", line: 40, "batch_size", "must be > 0, found 0"),
    fx("negative learning rate", "lr: 0.12,", "lr: -0.1,", line: 37, "optimizer.lr", "must be > 0, found -0.1"),
    fx("missing required key", "epochs: 10\n", "", line: 1, "epochs", "missing required key 'epochs'"),
    fx("required key set to null", "epochs: 10", "epochs: null", line: 39, "epochs", "required key 'epochs' must not be null"),
    fx("duplicate top-level key", "seeds: 3\n", "seeds: 3\nepochs: 20\n", line: 42, "epochs", "duplicate key 'epochs' (first at line 39)"),
    fx("duplicate nested key", "  image_size: 28\n", "  image_size: 28\n  dataset: cifar10\n", line: 24, "data.dataset",
       "duplicate key 'dataset' (first at line 19)"),
    fx("claim names unknown method", "better: align-uniform,", "better: align-uniformm,", line: 47, "claims[1].better",
       "unknown method 'align-uniformm' at scale smoke (did you mean 'align-uniform'?)"),
    fx("unknown loss", "name: nt-xent,", "name: nt-xnet,", line: 33, "methods[0].loss.name", "unknown loss 'nt-xnet' (did you mean 'nt-xent'?)"),
    fx("unknown dataset", "dataset: fashion-mnist", "dataset: cifar-10", line: 19, "data.dataset",
       "unknown dataset 'cifar-10' (did you mean 'cifar10'?)"),
    fx("unknown backbone", "backbone: convnet-s", "backbone: resnet-18", line: 28, "model.backbone",
       "unknown backbone 'resnet-18' (did you mean 'resnet18'?)"),
    fx("unknown protocol", "protocol: linear-probe", "protocol: linear", line: 44, "evaluation[1].protocol", "unknown protocol 'linear'"),
    fx("unknown optimizer", "{name: sgd,", "{name: sdg,", line: 37, "optimizer.name", "unknown optimizer 'sdg' (did you mean 'sgd'?)"),
    fx("unknown schedule", "{name: constant}", "{name: cosin}", line: 38, "schedule.name", "unknown schedule 'cosin' (did you mean 'cosine'?)"),
    fx("paper id outside the pattern", "id: demo", "id: Demo_Paper", line: 2, "id", "invalid id 'Demo_Paper'"),
    fx("paper id differs from file name", "id: demo", "id: other", line: 2, "id", "id 'other' must equal the file name 'demo'"),
    fx("method id outside the pattern", "- id: contrastive", "- id: Contrastive", line: 31, "methods[0].id", "invalid id 'Contrastive'"),
    fx("duplicate method id", "- id: align-uniform", "- id: contrastive", line: 34, "methods[1].id", "duplicate method id 'contrastive'"),
    fx("claim metric with unknown evaluation", "metric: retrieval.top1", "metric: retreival.top1", line: 47, "claims[1].metric",
       "unknown metric 'retreival.top1' at scale smoke"),
    fx("claim metric with wrong measure", "metric: retrieval.top1", "metric: retrieval.top5", line: 47, "claims[1].metric",
       "reports top1, not 'top5'"),
    fx("unknown split", "train_split: train", "train_split: unlabeled", line: 20, "data.train_split",
       "unknown split of fashion-mnist 'unlabeled'"),
    fx("unsupported version", "version: 1", "version: 2", line: 1, "version", "unsupported version 2"),
    fx("checklist answer", "{answer: no, note: \"none\"}", "{answer: maybe, note: \"none\"}", line: 11, "checklist.code.answer",
       "unknown answer 'maybe'"),
    fx("missing checklist item", "  setup: {answer: partial, note: \"most\"}\n", "", line: 10, "checklist.setup", "missing required key 'setup'"),
    fx("mapping expected", "hardware: {description: \"not stated\"}", "hardware: \"4 GPUs\"", line: 17, "hardware",
       "expected a mapping, found the quoted string \"4 GPUs\""),
    fx("list expected", "authors: [Ada Lovelace]", "authors: Ada Lovelace", line: 5, "paper.authors", "expected a list, found 'Ada Lovelace'"),
    fx("key of another protocol", "test_subset: 1000}", "test_subset: 1000, k: 5}", line: 43, "evaluation[0].k", "unknown key 'k'"),
    fx("fc7 on a convnet", "features: projector", "features: fc7", line: 43, "evaluation[0].features", "exists in small-alexnet only"),
    fx("stem on a convnet", "  backbone: convnet-s\n", "  backbone: convnet-s\n  stem: cifar\n", line: 29, "model.stem",
       "applies to resnet18/resnet50 only"),
    fx("unknown variant scale", "  smoke: {steps: 100}", "  smok: {steps: 100}", line: 49, "variants.smok",
       "unknown key 'smok' (did you mean 'smoke'?)"),
    fx("variant changing the id", "  smoke: {steps: 100}", "  smoke: {id: x}", line: 49, "variants.smoke.id",
       "unknown key 'id' in a variant (a variant cannot change it)"),
    fx("bad value inside a variant", "  smoke: {steps: 100}", "  smoke: {steps: 0}", line: 49, "steps", "must be > 0, found 0"),
    fx("quoted number", "lr: 0.12,", "lr: \"0.12\",", line: 37, "optimizer.lr", "expected a number, found the quoted string \"0.12\""),
    fx("betas on sgd", "weight_decay: 5.0e-4}", "weight_decay: 5.0e-4, betas: [0.9, 0.999]}", line: 37, "optimizer.betas",
       "betas apply to adam/adamw, not sgd"),
    fx("multistep without milestones", "{name: constant}", "{name: multistep, gamma: 0.1}", line: 38, "schedule.milestones",
       "schedule 'multistep' needs 'milestones'"),
    fx("colour jitter without p", "  horizontal_flip: 0.5\n",
       "  horizontal_flip: 0.5\n  color_jitter: {brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1}\n", line: 27,
       "augment.color_jitter.p", "missing required key 'p'"),
    fx("crop scale of one number", "scale: [0.2, 1.0]", "scale: [0.2]", line: 25, "augment.random_resized_crop.scale",
       "expected a list of 2 numbers, found 1"),
    fx("relative claim without quote", ", quote: \"q\"}", "}", line: 47, "claims[1].quote", "missing required key 'quote'"),
    fx("unknown sanity check", "check: finite,", "check: finit,", line: 46, "claims[0].check",
       "unknown sanity check 'finit' (did you mean 'finite'?)"),
    fx("loss check on an accuracy", "check: finite, metric: loss}", "check: finite, metric: retrieval.top1}", line: 46,
       "claims[0].metric", "applies to the training loss"),
    fx("yes is not a boolean", "    label: \"NT-Xent\"\n", "    label: \"NT-Xent\"\n    use_projector: no\n", line: 33,
       "methods[0].use_projector", "expected true or false, found 'no'"),
    fx("one view", "    label: \"NT-Xent\"\n", "    label: \"NT-Xent\"\n    views: 1\n", line: 33, "methods[0].views", "loss 'nt-xent' needs at least 2 views, found 1"),
    fx("unknown claim scale", "metric: loss}", "metric: loss, scales: [smoke, huge]}", line: 46, "claims[0].scales[1]",
       "unknown scale 'huge'"),
    fx("year as a quoted string", "year: 2020", "year: \"2020\"", line: 7, "paper.year", "expected an integer, found the quoted string"),
    fx("negative weight decay", "weight_decay: 5.0e-4}", "weight_decay: -1}", line: 37, "optimizer.weight_decay", "must be >= 0, found -1"),
    fx("not-a-number", "horizontal_flip: 0.5", "horizontal_flip: .nan", line: 26, "augment.horizontal_flip", "expected a number, found '.nan'"),
    fx("projector features without projector", "  projector: {hidden: [128], output: 64, batch_norm: true}\n", "", line: 42,
       "evaluation[0].features", "feature layer 'projector' needs model.projector"),
    fx("train subset zero", "  image_size: 28\n", "  image_size: 28\n  train_subset: 0\n", line: 24, "data.train_subset",
       "must be > 0, found 0"),
    fx("train subset larger than the split", "  image_size: 28\n", "  image_size: 28\n  train_subset: 60001\n", line: 24,
       "data.train_subset", "train_subset 60001 is larger than the 60000 images of fashion-mnist 'train'"),
    fx("imbalance of another dataset", "  image_size: 28\n", "  image_size: 28\n  imbalance: cacr-cifar100\n", line: 24, "data.imbalance",
       "imbalance profile 'cacr-cifar100' needs one of cifar100, not fashion-mnist"),
    fx("views the loss does not consume", "{name: nt-xent, temperature: 0.5}\n",
       "{name: cacr, positives: 4}\n    views: 2\n", line: 34, "methods[0].views",
       "loss 'cacr' with these parameters consumes 5 views per image, found views: 2"),
    fx("relative claim with a negative margin", "metric: retrieval.top1, quote: \"q\"}", "metric: retrieval.top1, margin: -0.02, quote: \"q\"}",
       line: 47, "claims[1].margin", "use kind: non-inferiority"),
    fx("non-inferiority key typo", "kind: relative, better: align-uniform, worse: contrastive,",
       "kind: non-inferiority, method: align-uniform, baselin: contrastive, margin: 0.02,", line: 47, "claims[1].baselin",
       "unknown key 'baselin' (did you mean 'baseline'?)"),
    fx("non-inferiority with better/worse keys", "kind: relative, better: align-uniform,", "kind: non-inferiority, better: align-uniform,",
       line: 47, "claims[1].better", "unknown key 'better'"),
    fx("non-inferiority without a positive margin", "kind: relative, better: align-uniform, worse: contrastive,",
       "kind: non-inferiority, method: align-uniform, baseline: contrastive, margin: -0.02,", line: 47, "claims[1].margin",
       "largest allowed shortfall, a number > 0"),
    fx("non-inferiority names an unknown baseline", "kind: relative, better: align-uniform, worse: contrastive,",
       "kind: non-inferiority, method: align-uniform, baseline: contrastiv, margin: 0.02,", line: 47, "claims[1].baseline",
       "unknown method 'contrastiv' at scale"),
    fx("effect without its source", "metric: retrieval.top1, quote: \"q\"}", "metric: retrieval.top1, effect: {value: 0.01}, quote: \"q\"}",
       line: 47, "claims[1].effect.source", "missing required key 'source'"),
    fx("correlation over two encoders", "kind: relative, better: align-uniform, worse: contrastive, metric: retrieval.top1,",
       "kind: correlation, methods: [align-uniform, contrastive], metric: retrieval.top1, against: probe.top1, direction: positive, margin: 0.5,",
       line: 47, "claims[1].methods", "a rank correlation needs 3 encoders at least"),
    fx("correlation direction typo", "kind: relative, better: align-uniform, worse: contrastive, metric: retrieval.top1,",
       "kind: correlation, metric: retrieval.top1, against: probe.top1, direction: postive, margin: 0.5,",
       line: 47, "claims[1].direction", "unknown direction 'postive' (did you mean 'positive'?)"),
    fx("correlation against an unknown metric", "kind: relative, better: align-uniform, worse: contrastive, metric: retrieval.top1,",
       "kind: correlation, metric: retrieval.top1, against: prob.top1, direction: positive, margin: 0.5,",
       line: 47, "claims[1].against", "prob"),
    fx("correlation bound of one", "kind: relative, better: align-uniform, worse: contrastive, metric: retrieval.top1,",
       "kind: correlation, metric: retrieval.top1, against: probe.top1, direction: positive, margin: 1.0,",
       line: 47, "claims[1].margin", "a bound on |ρ| in (0, 1)"),
    fx("fraction where a loss takes a whole number", "{name: nt-xent, temperature: 0.5}", "{name: cacr, choice: 1.5}",
       line: 33, "methods[0].loss.choice", "must be a whole number, found 1.5"),
]

@Test(arguments: specFixtures)
func malformedSpecIsReported(_ fixture: Fixture) throws {
    #expect(minimalSpec.contains(fixture.old), "fixture edit does not apply")
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec.replacingOccurrences(of: fixture.old, with: fixture.new)])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    let match = issues.first { $0.keyPath == fixture.keyPath && $0.message.contains(fixture.message) }
    #expect(match != nil, "no issue \(fixture.keyPath): \(fixture.message) among:\n\(issues.map(\.description).joined(separator: "\n"))")
    #expect(match?.line == fixture.line, "line \(match?.line ?? -1), expected \(fixture.line)")
    #expect(match?.file == "papers/demo.yaml")
}

@Test func minimalSpecIsValid() throws {
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"])
    #expect(issues.filter(\.isError).isEmpty, "\(issues)")
    let spec = try repo.loader.load(paper: "demo")
    #expect(spec.scales == [.smoke, .full])
    #expect(spec.resolved(scale: .smoke).steps == 100)
    #expect(spec.resolved(scale: .full).steps == nil)
}

@Test func allErrorsOfAFileAreReportedAtOnce() throws {
    let text = minimalSpec.replacingOccurrences(of: "  title:", with: "  titel:")
        .replacingOccurrences(of: "\nepochs: 10", with: "\nepochs: 0")
        .replacingOccurrences(of: "name: nt-xent,", with: "name: nt-xnet,")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    #expect(throws: SpecError.self) { try repo.loader.load(paper: "demo") }
    do { _ = try repo.loader.load(paper: "demo") } catch let error as SpecError {
        // The misspelt title is one mistake: reported once, as the unknown key with its suggestion
        // (not again as a missing 'title'). All errors come in file order.
        #expect(error.issues.map(\.keyPath) == ["paper.titel", "methods[0].loss.name", "epochs"])
        #expect(error.issues.map(\.line) == [4, 33, 39])
        #expect(error.description.split(separator: "\n").count == 3)
        #expect(error.description.contains("papers/demo.yaml:4:3: paper.titel: unknown key 'titel' (did you mean 'title'?)"))
    }
}

@Test func aMissingKeyWithoutANearMisspellingIsStillReported() throws {
    let text = minimalSpec.replacingOccurrences(of: "  title:", with: "  headline:")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"]).filter(\.isError)
    #expect(issues.map(\.keyPath) == ["paper.headline", "paper.title"])
}

@Test func yamlSyntaxErrorHasItsPosition() throws {
    let text = minimalSpec.replacingOccurrences(of: "  year: 2020", with: "   year: 2020")
    let repo = try TempRepo(files: ["papers/demo.yaml": text])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["papers/demo.yaml"])
    #expect(issues.count == 1)
    #expect(issues.first?.message.hasPrefix("YAML syntax error") == true)
    #expect(issues.first?.line == 7)
}
