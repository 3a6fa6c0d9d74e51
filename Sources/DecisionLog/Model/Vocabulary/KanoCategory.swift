/// A Kano category.
public enum KanoCategory: String, PayloadChoice {
    case mustBe = "must-be"
    case performance, attractive, indifferent, reverse
}
