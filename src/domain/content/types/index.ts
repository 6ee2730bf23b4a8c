// Registers every content type's and post extension's domain module (each module calls
// registerTopicType or registerPostExtension when imported). Add one import per module.
import "../../questions/questionType.js";
import "../../ideas/ideaType.js";
import "../../reviews/reviewType.js";
import "../../polls/pollExtension.js";
import "../../events/eventType.js";
import "../../articles/articleType.js";
