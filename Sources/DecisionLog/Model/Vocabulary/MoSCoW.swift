/// A MoSCoW category.
public enum MoSCoW: String, PayloadChoice {
    case must, should, could, wont
}
