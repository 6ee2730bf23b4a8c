// Registers every content type's and post extension's UI (each module calls registerTopicTypeUi
// or registerPostExtensionUi when imported). Add one import per module.
import "./question.js";
import "./idea.js";
import "./review.js";
import "./poll.js";
import "./event.js";
import "./article.js";
